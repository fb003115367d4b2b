// Wires the plain functions in src/lib to this deployment: secrets from astro:env, bindings from wrangler.jsonc
// (typed by `wrangler types`), the edge cache, the isolate's memory and the log. Used by Astro's pages and endpoints
// and by the worker entry (src/worker.ts) alike.
import {
  PLEDGE_HMAC_SECRET,
  SUBMISSION_KEY,
  TURNSTILE_SECRET_KEY,
  TURNSTILE_SITE_KEY,
  TURNSTILE_VERIFY_URL,
  TURSO_AUTH_TOKEN,
  TURSO_DATABASE_URL,
} from 'astro:env/server';
import { env } from 'cloudflare:workers';
import {
  CONSENT_VERSION,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_SUBMISSION_RETENTION_DAYS,
  MILESTONES,
  PLEDGE_QUEUE_MAX_RETRIES,
  SMALL_COUNTRY_THRESHOLD,
  STORY_CONSENT_VERSION,
} from './config';
import { withTimeout } from './lib/async/with-timeout';
import { openDatabase } from './lib/db/client';
import { describeError, isStatementError } from './lib/db/errors';
import { consumePledges, type QueuedPledge } from './lib/pledge/consume-pledges';
import type { HandlePledgeDeps } from './lib/pledge/handle-pledge';
import type { Pledge } from './lib/pledge/validate';
import { preparePledge, type PledgeRecord } from './lib/pledge/pledge-record';
import { recordOrQueue } from './lib/pledge/record-or-queue';
import { writePledge, writePledges } from './lib/pledge/record-pledge';
import { deleteOldSubmissions, removeOldFirstNames, retentionCutoff } from './lib/privacy/retention';
import { withSecurityHeaders } from './lib/security/headers';
import { checkRateLimit } from './lib/security/rate-limit';
import { fingerprint, type SealingKeys, sealingKeys } from './lib/security/seal';
import { DEFAULT_VERIFY_URL, PLEDGE_ACTION, SPEAK_OUT_ACTION, turnstileKey, verificationKey, verifyTurnstile } from './lib/security/turnstile';
import type { HandleStoryDeps } from './lib/speak-out/handle-story';
import type { Submission } from './lib/speak-out/validate';
import { sealSubmission, storeSubmission } from './lib/speak-out/store-submission';
import { readTally } from './lib/tally/read-tally';
import { recountTally } from './lib/tally/recount-tally';
import {
  createTallyMemory,
  type EdgeCache,
  lastKnownTally,
  loadTally,
  rememberTally,
  serveTally,
  type ServeTallyDeps,
} from './lib/tally/serve-tally';
import { verifyUnsubscribeToken } from './lib/updates/unsubscribe-token';
import { withdrawConsent } from './lib/updates/withdraw-consent';

const DEFAULT_DB_TIMEOUT_MS = 3_000;

function required(name: string, value: string | undefined): string {
  // Loud in the logs; the visitor sees only the friendly 503. `wrangler deploy` also refuses to run without it.
  if (!value) throw new Error(`${name} is not configured`);
  return value;
}

export function log(message: string): void {
  console.log(`[walkaway] ${message}`);
}

export function logError(message: string, error: unknown): void {
  console.error(`[walkaway] ${message}: ${describeError(error)}`);
}

const warned = new Set<string>();
/** A missing binding is a deployment mistake: say so loudly, once per isolate, the first time it matters. */
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.error(`[walkaway] ${message}`);
}

const hmacSecret = () => required('PLEDGE_HMAC_SECRET', PLEDGE_HMAC_SECRET);

function database() {
  return openDatabase({ url: required('TURSO_DATABASE_URL', TURSO_DATABASE_URL), authToken: TURSO_AUTH_TOKEN });
}

/** PLEDGE_DB_TIMEOUT_MS (wrangler.jsonc `vars`): how long a pledge or a tally read waits for the database. */
function databaseTimeoutMs(): number {
  const configured = Number(env.PLEDGE_DB_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_DB_TIMEOUT_MS;
}

const edgeCache = () => (globalThis.caches as unknown as { default: EdgeCache }).default;

// One per isolate, shared by the requests it serves: plain values, never a shared promise.
const tallyMemory = createTallyMemory();

export function tallyDeps(): ServeTallyDeps {
  return {
    readTally: () => withTimeout(readTally(database()), databaseTimeoutMs(), 'the tally read'),
    memory: tallyMemory,
    cache: edgeCache(),
    milestones: MILESTONES,
    smallCountryThreshold: SMALL_COUNTRY_THRESHOLD,
    now: Date.now,
    logError,
  };
}

export function currentTally(siteUrl: URL) {
  return loadTally(siteUrl, tallyDeps());
}

/** GET /api/tally, answered by the worker entry before Astro's pipeline, with the headers every page carries. */
export async function answerTally(request: Request): Promise<Response> {
  return withSecurityHeaders(await serveTally(request, tallyDeps()));
}

async function enqueuePledge(record: PledgeRecord): Promise<void> {
  if (!env.PLEDGE_QUEUE) {
    warnOnce('PLEDGE_QUEUE is not bound: pledges cannot wait for the database (see queues in wrangler.jsonc)');
    throw new Error('PLEDGE_QUEUE is not bound');
  }
  await env.PLEDGE_QUEUE.send(record);
}

async function recordPledgeHere(siteUrl: URL, pledge: Parameters<HandlePledgeDeps['record']>[0]) {
  const tally = tallyDeps();
  const record = await preparePledge(pledge, { hmacSecret: hmacSecret(), now: () => new Date(), consentVersion: CONSENT_VERSION });
  return recordOrQueue(record, {
    write: (each) => writePledge(database(), each),
    remember: (snapshot) => rememberTally(siteUrl, snapshot, tally),
    enqueue: enqueuePledge,
    lastKnownTotal: async () => (await lastKnownTally(siteUrl, tally))?.total ?? 0,
    timeoutMs: databaseTimeoutMs(),
    logError,
  });
}

/** The queue consumer: writes pledges that waited for the database. */
export async function consumeQueuedPledges(messages: readonly QueuedPledge[]): Promise<void> {
  await consumePledges(messages, {
    writeAll: (records) => writePledges(database(), records),
    isStatementError,
    maxAttempts: PLEDGE_QUEUE_MAX_RETRIES + 1,
    log,
    logError,
  });
}

const wholeDays = (value: string | undefined, fallback: number) => {
  const configured = Number(value);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
};

/** PLEDGE_RETENTION_DAYS (wrangler.jsonc `vars`): how long a pledge keeps its first name. /privacy states it. */
export const retentionDays = () => wholeDays(env.PLEDGE_RETENTION_DAYS, DEFAULT_RETENTION_DAYS);

/** SUBMISSION_RETENTION_DAYS (wrangler.jsonc `vars`): how long a story no editor took up is kept. /privacy states it. */
export const submissionRetentionDays = () => wholeDays(env.SUBMISSION_RETENTION_DAYS, DEFAULT_SUBMISSION_RETENTION_DAYS);

/**
 * The scheduled job (every 15 minutes): repairs any drift between the tally rows and the pledges, removes first names
 * and deletes untaken stories past their retention periods. Each part is logged; one failing does not stop another.
 */
export async function maintain(): Promise<void> {
  const results = await Promise.allSettled([
    recountTally(database(), () => new Date()).then((corrections) =>
      log(
        corrections.length === 0
          ? 'recount: the tally matches the pledges'
          : `recount corrected ${corrections.map(({ scope, stored, counted }) => `${scope} ${stored} → ${counted}`).join(', ')}`,
      ),
    ),
    removeOldFirstNames(database(), retentionCutoff(new Date(), retentionDays())).then(
      (removed) => removed > 0 && log(`retention: removed the first names of ${removed} pledges older than ${retentionDays()} days`),
    ),
    deleteOldSubmissions(database(), retentionCutoff(new Date(), submissionRetentionDays())).then(
      (deleted) => deleted > 0 && log(`retention: deleted ${deleted} stories no editor took up, older than ${submissionRetentionDays()} days`),
    ),
  ]);
  const failed = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  for (const error of failed) logError('scheduled maintenance failed', error);
  if (failed.length > 0) throw failed[0];
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

/** A form's rate limit, when its binding is there; a missing binding is said loudly, once. */
function rateLimitWith(binding: 'PLEDGE_RATE_LIMITER' | 'SPEAK_OUT_RATE_LIMITER', what: string) {
  const limiter = env[binding];
  if (!limiter) warnOnce(`${binding} is not bound: ${what} are not rate limited (see ratelimits in wrangler.jsonc)`);
  return limiter ? (request: Request) => checkRateLimit(request, { limiter, secret: hmacSecret() }) : undefined;
}

/**
 * A form's Turnstile check, when Turnstile is configured: the token must have been issued on our host for this form
 * (`action`), and `keyOf` gives siteverify the idempotency key that lets only the same submission verify it again.
 */
function humanCheck<T>(siteUrl: URL, action: string, keyOf: (submitted: T) => Promise<string>) {
  const turnstile = turnstileKeys();
  if (!turnstile) return undefined;
  return async (token: unknown, submitted: T) =>
    verifyTurnstile(
      token,
      { idempotencyKey: await keyOf(submitted), hostname: siteUrl.hostname, action },
      { secret: turnstile.secret, verifyUrl: TURNSTILE_VERIFY_URL ?? DEFAULT_VERIFY_URL, fetch },
    );
}

export function pledgeDeps(siteUrl: URL): HandlePledgeDeps {
  return {
    record: (pledge) => recordPledgeHere(siteUrl, pledge),
    currentTotal: async () => (await currentTally(siteUrl))?.body.total ?? 0,
    rateLimit: rateLimitWith('PLEDGE_RATE_LIMITER', 'pledges'),
    verifyHuman: humanCheck(siteUrl, PLEDGE_ACTION, (pledge: Pledge) => verificationKey(pledge, hmacSecret())),
    logError,
  };
}

// Derived once per isolate and secret: keys, never a promise of them (see src/lib/security/hmac.ts).
let sealing: { secret: string; keys: SealingKeys } | undefined;

async function submissionKeys(): Promise<SealingKeys> {
  const secret = required('SUBMISSION_KEY', SUBMISSION_KEY);
  if (sealing?.secret !== secret) sealing = { secret, keys: await sealingKeys(secret) };
  return sealing.keys;
}

export function speakOutDeps(siteUrl: URL): HandleStoryDeps {
  return {
    store: async (submission) => {
      const row = await sealSubmission(submission, { keys: await submissionKeys(), now: () => new Date(), consentVersion: STORY_CONSENT_VERSION });
      await withTimeout(storeSubmission(database(), row), databaseTimeoutMs(), 'storing a story');
    },
    rateLimit: rateLimitWith('SPEAK_OUT_RATE_LIMITER', 'stories'),
    // A resend of the same story may verify its token again; the token cannot carry another story.
    verifyHuman: humanCheck(siteUrl, SPEAK_OUT_ACTION, async (submission: Submission) =>
      turnstileKey(hmacSecret(), submission.idempotencyKey, await fingerprint(await submissionKeys(), submission.story)),
    ),
    logError,
  };
}
