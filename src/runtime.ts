// Wires the plain functions in src/lib to this deployment: secrets from astro:env, the Workers edge cache, logging.
import {
  PLEDGE_HMAC_SECRET,
  TURNSTILE_SECRET_KEY,
  TURNSTILE_SITE_KEY,
  TURNSTILE_VERIFY_URL,
  TURSO_AUTH_TOKEN,
  TURSO_DATABASE_URL,
} from 'astro:env/server';
import { env as bindings } from 'cloudflare:workers';
import { CONSENT, MILESTONES } from './config';
import { openDatabase } from './lib/db/client';
import type { HandlePledgeDeps } from './lib/pledge/handle-pledge';
import type { Pledge } from './lib/pledge/validate';
import { recordPledge } from './lib/pledge/record-pledge';
import { checkRateLimit, type RateLimiter } from './lib/security/rate-limit';
import { DEFAULT_VERIFY_URL, verifyTurnstile } from './lib/security/turnstile';
import { readTally } from './lib/tally/read-tally';
import { type EdgeCache, forgetTally, loadTally, type ServeTallyDeps } from './lib/tally/serve-tally';
import { verifyUnsubscribeToken } from './lib/updates/unsubscribe-token';
import { withdrawConsent } from './lib/updates/withdraw-consent';

function required(name: string, value: string | undefined): string {
  // Loud in the logs; the visitor sees only the friendly 503. `wrangler deploy` also refuses to run without it.
  if (!value) throw new Error(`${name} is not configured`);
  return value;
}

export function logError(message: string, error: unknown): void {
  console.error(`[walkaway] ${message}:`, error instanceof Error ? error.message : error);
}

const hmacSecret = () => required('PLEDGE_HMAC_SECRET', PLEDGE_HMAC_SECRET);

function database() {
  return openDatabase({ url: required('TURSO_DATABASE_URL', TURSO_DATABASE_URL), authToken: TURSO_AUTH_TOKEN });
}

const edgeCache = () => (globalThis.caches as unknown as { default: EdgeCache }).default;

async function recordPledgeHere(pledge: Pledge, siteUrl: URL) {
  const recorded = await recordPledge(pledge, {
    db: database(),
    hmacSecret: hmacSecret(),
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

/** The pledge an unsubscribe token names, if the token is genuine. */
export function unsubscribeTarget(token: string) {
  return verifyUnsubscribeToken(token, hmacSecret());
}

export function unsubscribe(pledgeId: number) {
  return withdrawConsent(database(), pledgeId, new Date());
}

/** Turnstile's keys when both are set: the widget and the server check are on together or not at all. */
function turnstileKeys(): { siteKey: string; secret: string } | undefined {
  return TURNSTILE_SITE_KEY && TURNSTILE_SECRET_KEY ? { siteKey: TURNSTILE_SITE_KEY, secret: TURNSTILE_SECRET_KEY } : undefined;
}

/** The site key for the Turnstile widget, when Turnstile is configured. */
export function turnstileSiteKey(): string | undefined {
  return turnstileKeys()?.siteKey;
}

export function pledgeDeps(siteUrl: URL): HandlePledgeDeps {
  const limiter = (bindings as { PLEDGE_RATE_LIMITER?: RateLimiter }).PLEDGE_RATE_LIMITER;
  const turnstile = turnstileKeys();
  return {
    record: (pledge) => recordPledgeHere(pledge, siteUrl),
    currentTotal: async () => (await currentTally(siteUrl))?.body.total ?? 0,
    rateLimit: limiter ? (request) => checkRateLimit(request, { limiter, secret: hmacSecret() }) : undefined,
    verifyHuman: turnstile
      ? (token, pledge) =>
          verifyTurnstile(
            token,
            { idempotencyKey: pledge.idempotencyKey, hostname: siteUrl.hostname },
            { secret: turnstile.secret, verifyUrl: TURNSTILE_VERIFY_URL ?? DEFAULT_VERIFY_URL, fetch },
          )
      : undefined,
    logError,
  };
}
