/**
 * A count as the page's language writes numbers (12,345 in English, 12.345 in Spanish). The server and the page's
 * scripts both pass the page's language, so a number never changes its look when a script refreshes it.
 */
export function formatCount(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];
/** The page's words around the time: "Updated" and "Updated just now" in English. */
export interface UpdatedWords {
  updated: string;
  justNow: string;
}

/** "Updated 12 seconds ago", "Updated 3 minutes ago", or "Updated just now", in the page's language. */
export function updatedAgo(updatedAt: Date, now: Date, lang: string, words: UpdatedWords): string {
  const seconds = Math.max(0, Math.round((now.getTime() - updatedAt.getTime()) / 1000));
  if (seconds < 5) return words.justNow;
  const [unit, size] = UNITS.find(([, unitSeconds]) => seconds >= unitSeconds) ?? ['second', 1];
  return `${words.updated} ${new Intl.RelativeTimeFormat(lang, { numeric: 'always' }).format(-Math.floor(seconds / size), unit)}`;
}
