import { formatCount } from '../format-count.ts';

/** The counter's words from the page: {count} stands for the number. */
export interface CountWords {
  remaining: string;
  over: string;
}

/** "Characters left: 9,987", or "Characters too many: 13" past the limit, in the page's language. */
export function characterCount(length: number, limit: number, words: CountWords, lang: string): { text: string; over: boolean } {
  const left = limit - length;
  const template = left >= 0 ? words.remaining : words.over;
  return { text: template.replace('{count}', formatCount(Math.abs(left), lang)), over: left < 0 };
}
