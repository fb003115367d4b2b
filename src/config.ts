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
] as const;
