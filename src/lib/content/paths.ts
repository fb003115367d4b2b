import { DEFAULT_LOCALE, type Locale, localizePath } from '../../i18n/locales.ts';

/** The collections that have a page per entry. */
export type PagedCollection = 'stories' | 'news' | 'series';

/** An entry's page in the language of the page linking to it. */
export const entryPath = (collection: PagedCollection, slug: string, lang: Locale = DEFAULT_LOCALE) =>
  localizePath(`/${collection}/${slug}`, lang);

export const tagPath = (tag: string, lang: Locale = DEFAULT_LOCALE) => localizePath(`/tags/${tag}`, lang);

/**
 * Where the build writes a page's link-preview image, per language: `site` is the general one every other page
 * shares. English keeps the unprefixed addresses.
 */
export function shareImagePath(lang: Locale, page: { collection: PagedCollection; slug: string } | 'site'): string {
  const prefix = lang === DEFAULT_LOCALE ? '/og' : `/og/${lang}`;
  return page === 'site' ? `${prefix}/site.png` : `${prefix}/${page.collection}/${page.slug}.png`;
}
