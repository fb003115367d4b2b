// What the services in src/lib get from the place they run: the secrets, the bindings and the settings, read once by
// src/platform.ts in the Worker and faked in tests (tests/support/fake-platform.ts). Everything that may be missing
// from a deployment is `undefined` here, never a default: what a missing part means is each service's decision.
import type { SettingName } from '../config.ts';
import type { Database } from './db/client.ts';
import type { IntegrityMemory } from './integrity/integrity-service.ts';
import type { Logger } from './log.ts';
import type { ConfirmationMailRequest } from './pledge/confirmation-mail-queue.ts';
import type { PledgeConfirmation, PledgeRecord } from './pledge/prepare-pledge.ts';
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

/** The slice of a Cloudflare Queue producer the services use. */
export interface MessageQueue<Body> {
  send(body: Body, options?: { delaySeconds?: number }): Promise<unknown>;
}

/** The slice of Cloudflare Email Service's `send_email` binding the confirmation emails use. */
export interface EmailSender {
  send(message: { from: { name: string; email: string }; to: string; subject: string; text: string; html: string }): Promise<unknown>;
}

/** How pledges are confirmed, and the confirmation email's sender and subject (wrangler.jsonc `vars`). */
export interface MailSettings {
  /** PLEDGE_CONFIRMATION: `email` (the default, and what anything but `none` means) or `none`. */
  confirmation: PledgeConfirmation;
  /** EMAIL_FROM: the sender's address, on a domain Cloudflare Email Service may send from. */
  from: string | undefined;
  /** EMAIL_SENDER_NAME: the sender's name an inbox shows. */
  senderName: string;
  /** EMAIL_SUBJECT: the subject in every language; the dictionary's discreet one when unset. */
  subject: string | undefined;
}

export interface Clock {
  now(): Date;
}

export interface Platform {
  /** The site's public address as built (`site` in astro.config.mjs, from SITE_URL; localhost without it). */
  site: string;
  secrets: Secrets;
  /**
   * Opens the database (TURSO_DATABASE_URL); undefined when none is configured. Open one per request: a client
   * shared between requests makes one request wait on another's I/O, which Workers cancels as a hung request.
   */
  database: (() => Database) | undefined;
  settings: Settings;
  mail: MailSettings;
  /** The values of the campaign's milestones (content/campaign/milestones.yaml), in ascending order. */
  milestones: readonly number[];
  /** PLEDGE_QUEUE: where pledges wait while the database does not answer. */
  pledgeQueue: MessageQueue<PledgeRecord> | undefined;
  /** EMAIL_QUEUE: confirmation emails waiting to be sent within EMAIL_RATE_PER_MINUTE. */
  emailQueue: MessageQueue<ConfirmationMailRequest> | undefined;
  /** EMAIL: Cloudflare Email Service (`send_email`); Wrangler's local simulation in dev, preview and tests. */
  email: EmailSender | undefined;
  /** PLEDGE_RATE_LIMITER and STORY_RATE_LIMITER. */
  rateLimiters: { pledge: RateLimiter | undefined; story: RateLimiter | undefined };
  /** The location's edge cache (`caches.default`). */
  cache: EdgeCache;
  /** What one isolate remembers between the requests it serves. */
  memory: { tally: TallyMemory; integrity: IntegrityMemory };
  /** Keeps the Worker alive for work after the answer (`waitUntil`), such as writing the integrity counts. */
  defer(work: Promise<unknown>): void;
  /** Resolves after `ms`. */
  sleep(ms: number): Promise<void>;
  log: Logger;
  clock: Clock;
  fetch: typeof fetch;
}
