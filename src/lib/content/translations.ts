import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n/locales.ts';

/**
 * An entry's language and its slug, from where its file is: `content/stories/why.mdx` is English, slug `why`;
 * `content/stories/es/why.mdx` is its Spanish translation, same slug.
 */
export function entryLanguage(id: string): { lang: Locale; slug: string } {
  const [first, ...rest] = id.split('/');
  return rest.length > 0 && isLocale(first) ? { lang: first, slug: rest.join('/') } : { lang: DEFAULT_LOCALE, slug: id };
}

/** An entry as a page in one language shows it: its slug, and the language it is written in. */
export interface Localized<E> {
  entry: E;
  slug: string;
  /** The entry's own language: the page's, or another one when there is no translation yet. */
  lang: Locale;
}

/**
 * Every entry once, in the page's language where a translation exists, otherwise in the default language (or any
 * language it has): an untranslated entry is shown as it is, marked with its language, never hidden.
 */
export function inLanguage<E extends { id: string }>(entries: readonly E[], lang: Locale): Array<Localized<E>> {
  const bySlug = new Map<string, Array<Localized<E>>>();
  for (const entry of entries) {
    const { lang: own, slug } = entryLanguage(entry.id);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), { entry, slug, lang: own }]);
  }
  return [...bySlug.values()].map(
    (versions) =>
      versions.find((version) => version.lang === lang) ??
      versions.find((version) => version.lang === DEFAULT_LOCALE) ??
      versions[0]!,
  );
}
