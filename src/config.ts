/**
 * Campaign constants and the defaults of every setting, each written once. Facts come from the campaign brief.
 * Words shown to readers live in src/i18n; refusals meant for programs (a JSON 403, 413, 415) are English here in code.
 * Settings that wrangler.jsonc also names (its `vars`, `ratelimits` and queue consumer) must agree with the values
 * below: tests/unit/settings.test.ts fails when they do not.
 */

/**
 * Where "Exit this page" goes: a busy, everyday site that draws no attention in a browser's history.
 * The same choice GOV.UK's exit pattern makes.
 */
export const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';


/**
 * The version of the wording next to the "send me campaign updates" box (`pledge.consent` in every dictionary):
 * bump it when that wording changes in any language. Stored with each consent, with the language it was read in.
 */
export const CONSENT_VERSION = '2026-11-29';

/**
 * The version of the wording of the consent to publish a story sent through /speak-out (`speakOut.consent` in every
 * dictionary): bump it when that wording changes in any language. Stored with each story, with its language.
 */
export const STORY_CONSENT_VERSION = '2026-11-29';

/**
 * A country with fewer pledges than this shows "fewer than 5", on /walkaways and in GET /api/tally, so that a pledge
 * from a small place cannot point to a person.
 */
export const SMALL_COUNTRY_THRESHOLD = 5;

/**
 * The settings a deployment may change in wrangler.jsonc `vars` (or the environment of `npm run dev` and
 * `npm run preview`), with the value used when a setting is missing or is not a positive whole number.
 */
export const SETTING_DEFAULTS = {
  /** How long a request waits for the database (a pledge, a story, a tally read) before it gives up on it. */
  DATABASE_TIMEOUT_MS: 3_000,
  /** Days a pledge keeps its first name; /privacy states it. */
  PLEDGE_RETENTION_DAYS: 730,
  /** Days a story sent through /speak-out that no editor took up is kept; /privacy and /speak-out state it. */
  STORY_RETENTION_DAYS: 90,
  /** Days a story an editor has drafted is kept in the database (the draft is the editor's file); /privacy states it. */
  DRAFTED_STORY_RETENTION_DAYS: 365,
  /**
   * Confirmation emails handed to Cloudflare Email Service per minute, across the whole site: set it to your sending
   * quota per day divided by 1,440. What is over waits in the queue for the next minutes.
   */
  EMAIL_RATE_PER_MINUTE: 60,
} as const;

export type SettingName = keyof typeof SETTING_DEFAULTS;

/** The settings in wrangler.jsonc `vars` that are words, not numbers (read by readMailSettings in src/lib/settings.ts). */
export const TEXT_SETTING_NAMES = ['PLEDGE_CONFIRMATION', 'EMAIL_FROM', 'EMAIL_SENDER_NAME', 'EMAIL_SUBJECT'] as const;

/** Every setting `npm run dev` and `npm run preview` take from the environment, over wrangler.jsonc and .dev.vars. */
export const LOCAL_SETTING_NAMES: readonly string[] = [...Object.keys(SETTING_DEFAULTS), ...TEXT_SETTING_NAMES];

/**
 * The Workers rate limits (wrangler.jsonc `ratelimits`): sends per client address per period. A refused sender is
 * told to wait the whole period (`Retry-After`).
 */
export const RATE_LIMITS = {
  pledge: { binding: 'PLEDGE_RATE_LIMITER', limit: 10, periodSeconds: 60 },
  story: { binding: 'STORY_RATE_LIMITER', limit: 3, periodSeconds: 60 },
} as const;

/**
 * The pledge queue's consumer (wrangler.jsonc `queues.consumers`). A delivery that fails is retried after 5 s, then
 * twice as long each time up to 5 minutes; after `maxRetries` retries the message goes to the dead-letter queue.
 */
export const PLEDGE_QUEUE = {
  maxRetries: 25,
  retryBaseSeconds: 5,
  retryMaxSeconds: 300,
  maxBatchSize: 100,
  maxBatchTimeoutSeconds: 5,
} as const;

/** The queues (wrangler.jsonc `queues`): a test keeps these names and the configuration equal. */
export const QUEUE_NAMES = {
  pledges: 'walkaway-pledges',
  pledgesDeadLetter: 'walkaway-pledges-dlq',
  emails: 'walkaway-emails',
  emailsDeadLetter: 'walkaway-emails-dlq',
} as const;

/**
 * A pledge waiting for its confirmation is deleted by the scheduled job this many days after its last confirmation
 * email was asked for, and its confirm link stops working then; /privacy says so.
 */
export const PENDING_PLEDGE_DAYS = 7;

/**
 * The name confirmation emails come from when EMAIL_SENDER_NAME is not set. Inboxes may be watched: it names no
 * crime, and no cause a watcher would look for.
 */
export const DEFAULT_EMAIL_SENDER_NAME = 'Walkaway';

/**
 * The confirmation emails' queue consumer (wrangler.jsonc `queues.consumers`, `walkaway-emails`): retried like the
 * pledges' (5 s doubling to 5 minutes), then kept in `walkaway-emails-dlq`. Waiting for the sending rate is not a
 * retry: what is over the rate goes back into the queue as a new message.
 */
export const EMAIL_QUEUE = {
  maxRetries: 10,
  maxBatchSize: 50,
  maxBatchTimeoutSeconds: 5,
} as const;

/**
 * The PLEDGE_HMAC_SECRET that `npm run dev`, `npm run preview` and the organisers' command line use against a local
 * database. It is published in this repository, so a deployed Worker refuses it (src/lib/security/secrets.ts).
 */
export const DEVELOPMENT_HMAC_SECRET = 'local-development-only-not-secret';

/**
 * Cloudflare's documented Turnstile test keys (they always pass, or always fail): a deployed Worker refuses them.
 * https://developers.cloudflare.com/turnstile/troubleshooting/testing/
 */
export const TURNSTILE_TEST_KEYS: ReadonlySet<string> = new Set([
  '1x00000000000000000000AA',
  '2x00000000000000000000AB',
  '1x00000000000000000000BB',
  '2x00000000000000000000BB',
  '3x00000000000000000000FF',
  '1x0000000000000000000000000000000AA',
  '2x0000000000000000000000000000000AA',
  '3x0000000000000000000000000000000AA',
]);

/** How long a form that met a failing database asks to be given before it is sent again (`Retry-After`). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
