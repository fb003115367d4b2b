/** Campaign constants used across the site. Facts come from the campaign brief; every word shown is in src/i18n. */

/**
 * Where "Exit this page" goes: a busy, everyday site that draws no attention in a browser's history.
 * The same choice GOV.UK's exit pattern makes.
 */
export const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** Tally goals: the bar fills towards the next one; past the last, goals keep doubling. */
export const MILESTONES = [1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000] as const;

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

/** Deliveries a queued pledge may retry before it goes to the dead-letter queue: `max_retries` in wrangler.jsonc. */
export const PLEDGE_QUEUE_MAX_RETRIES = 25;

/**
 * A country with fewer pledges than this shows "fewer than 5", on /walkaways and in GET /api/tally, so that a pledge
 * from a small place cannot point to a person.
 */
export const SMALL_COUNTRY_THRESHOLD = 5;

/** Days a pledge keeps its first name when PLEDGE_RETENTION_DAYS (wrangler.jsonc `vars`) is not set. */
export const DEFAULT_RETENTION_DAYS = 730;

/** Days a story sent through /speak-out that no editor took up is kept when SUBMISSION_RETENTION_DAYS is not set. */
export const DEFAULT_SUBMISSION_RETENTION_DAYS = 90;
