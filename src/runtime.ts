// Wires the plain functions in src/lib to this deployment: secrets from astro:env, the Workers edge cache, logging.
import { PLEDGE_HMAC_SECRET, TURSO_AUTH_TOKEN, TURSO_DATABASE_URL } from 'astro:env/server';
import { CONSENT, MILESTONES } from './config';
import { openDatabase } from './lib/db/client';
import type { Pledge } from './lib/pledge/validate';
import { recordPledge } from './lib/pledge/record-pledge';
import { readTally } from './lib/tally/read-tally';
import { type EdgeCache, forgetTally, loadTally, type ServeTallyDeps } from './lib/tally/serve-tally';

function required(name: string, value: string | undefined): string {
  // Loud in the logs; the visitor sees only the friendly 503. `wrangler deploy` also refuses to run without it.
  if (!value) throw new Error(`${name} is not configured`);
  return value;
}

export function logError(message: string, error: unknown): void {
  console.error(`[walkaway] ${message}:`, error instanceof Error ? error.message : error);
}

function database() {
  return openDatabase({ url: required('TURSO_DATABASE_URL', TURSO_DATABASE_URL), authToken: TURSO_AUTH_TOKEN });
}

const edgeCache = () => (globalThis.caches as unknown as { default: EdgeCache }).default;

export async function recordPledgeHere(pledge: Pledge, siteUrl: URL) {
  const recorded = await recordPledge(pledge, {
    db: database(),
    hmacSecret: required('PLEDGE_HMAC_SECRET', PLEDGE_HMAC_SECRET),
    now: () => new Date(),
    consentVersion: CONSENT.version,
  });
  // The pledge is safely stored by now: a cache hiccup must not turn it into an error for the visitor.
  await forgetTally(siteUrl, edgeCache()).catch((error: unknown) => logError('tally cache not cleared', error));
  return recorded;
}

export function tallyDeps(): ServeTallyDeps {
  return {
    readTally: () => readTally(database()),
    cache: edgeCache(),
    milestones: MILESTONES,
    now: Date.now,
    logError,
  };
}

export function currentTally(siteUrl: URL) {
  return loadTally(siteUrl, tallyDeps());
}
