import { en } from './en.ts';
import { es } from './es.ts';
import type { Locale } from './locales.ts';

/** The shape every language's dictionary has: English's, key for key, so a missing key fails `astro check`. */
export type Dictionary = typeof en;

const DICTIONARIES: Record<Locale, Dictionary> = { en, es };

export const dictionary = (lang: Locale): Dictionary => DICTIONARIES[lang];

/** Fills `{name}` placeholders in a dictionary's markup with addresses in the page's language. */
export function withLinks(html: string, links: Record<string, string>): string {
  return html.replace(/\{(\w+)\}/g, (placeholder, name: string) => links[name] ?? placeholder);
}
