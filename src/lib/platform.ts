// What the services in src/lib get from the place they run: the secrets, the bindings and the settings, read once by
// src/platform.ts in the Worker and faked in tests (tests/support/fake-platform.ts). Everything that may be missing
// from a deployment is `undefined` here, never a default: what a missing part means is each service's decision.
import type { SettingName } from '../config.ts';
import type { Database } from './db/client.ts';
import type { Logger } from './log.ts';
import type { PledgeRecord } from './pledge/prepare-pledge.ts';
import type { RateLimiter } from './security/rate-limit.ts';
import type { EdgeCache, TallyMemory } from './tally/tally-cache.ts';

export interface Secrets {
  /** TURSO_DATABASE_URL: also tells a local run from a deployed Worker (src/lib/deployment.ts). */
  databaseUrl: string | undefined;
  /** PLEDGE_HMAC_SECRET: keys the email hashes, the rate-limit keys and the signed links. */
  hmacSecret: string | undefined;
  /** STORY_RECIPIENTS: the editors' public keys (age), to which stories sent through /speak-out are sealed. */
  storyRecipients: string | undefined;
  turnstileSiteKey: string | undefined;
  turnstileSecretKey: string | undefined;
  /** Only for tests, which verify Turnstile tokens against a local stand-in. */
  turnstileVerifyUrl: string | undefined;
  /** TURNSTILE_DISABLED: `true` runs a deployed Worker without Turnstile, on purpose. */
  turnstileDisabled: string | undefined;
}

/** The settings, parsed: every one a positive whole number (src/lib/settings.ts). */
export type Settings = Record<SettingName, number>;

/** The slice of a Cloudflare Queue producer the pledge service uses. */
export interface PledgeQueue {
  send(record: PledgeRecord): Promise<unknown>;
}

export interface Clock {
  now(): Date;
}

export interface Platform {
  secrets: Secrets;
  /**
   * Opens the database (TURSO_DATABASE_URL); undefined when none is configured. Open one per request: a client
   * shared between requests makes one request wait on another's I/O, which Workers cancels as a hung request.
   */
  database: (() => Database) | undefined;
  settings: Settings;
  /** PLEDGE_QUEUE: where pledges wait while the database does not answer. */
  pledgeQueue: PledgeQueue | undefined;
  /** PLEDGE_RATE_LIMITER and STORY_RATE_LIMITER. */
  rateLimiters: { pledge: RateLimiter | undefined; story: RateLimiter | undefined };
  /** The location's edge cache (`caches.default`). */
  cache: EdgeCache;
  /** What one isolate remembers between the requests it serves. */
  memory: { tally: TallyMemory };
  log: Logger;
  clock: Clock;
  fetch: typeof fetch;
}
