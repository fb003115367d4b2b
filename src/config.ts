/** Campaign constants used across the site. Facts come from the campaign brief; unknowns stay marked. */
export const SITE = {
  name: 'Walkaway',
  campaign: 'Aware Internet',
  tagline: 'Log off Facebook. Start your own Walkaway.',
  description:
    'Walkaway is the pledge of the Aware Internet campaign against sex trafficking on Facebook: read why, then log off and be counted.',
  organisation: 'a nonprofit group that fights sex trafficking across the globe',
  /** Facebook's own monthly visitor figure at the time of the campaign's launch. */
  facebookMonthlyVisitors: '2.2 billion',
  lang: 'en',
} as const;

export const NAV = [
  { href: '/stories', label: 'Stories' },
  { href: '/news', label: 'News' },
  { href: '/about', label: 'About' },
  { href: '/get-help', label: 'Get help' },
] as const;

/**
 * Where "Exit this page" goes: a busy, everyday site that draws no attention in a browser's history.
 * The same choice GOV.UK's exit pattern makes.
 */
export const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** Tally goals: the bar fills towards the next one; past the last, goals keep doubling. */
export const MILESTONES = [1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000] as const;

/** Bump when the wording next to the "send me campaign updates" box changes; stored with each consent. */
export const CONSENT = {
  version: '2026-11-29',
  text: 'Send me occasional emails about the Aware Internet campaign. I can stop them at any time with the link in every email.',
} as const;

/** The RSS feeds, linked from every page's head. */
export const FEEDS = {
  stories: { path: '/stories/rss.xml', title: 'Walkaway: campaign stories', description: 'New stories from the Aware Internet campaign.' },
  news: { path: '/news/rss.xml', title: 'Walkaway: the campaign in the news', description: 'News coverage of the Aware Internet campaign.' },
} as const;

/** Deliveries a queued pledge may retry before it goes to the dead-letter queue: `max_retries` in wrangler.jsonc. */
export const PLEDGE_QUEUE_MAX_RETRIES = 25;

/**
 * A country with fewer pledges than this shows "fewer than 5", on /walkaways and in GET /api/tally, so that a pledge
 * from a small place cannot point to a person.
 */
export const SMALL_COUNTRY_THRESHOLD = 5;

/** Days a pledge keeps its first name when PLEDGE_RETENTION_DAYS (wrangler.jsonc `vars`) is not set. */
export const DEFAULT_RETENTION_DAYS = 730;
