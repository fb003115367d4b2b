// The site's languages. Adding one is a dictionary (src/i18n/<code>.ts, registered in src/i18n/dictionary.ts), a line
// here, and a folder of content (content/<collection>/<code>/).

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's own name for itself (for the switcher), its writing direction and how it writes dates. */
export const LANGUAGES: Record<Locale, { name: string; dir: 'ltr' | 'rtl'; dates: string }> = {
  en: { name: 'English', dir: 'ltr', dates: 'en-GB' },
  es: { name: 'Español', dir: 'ltr', dates: 'es' },
};

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** A locale from anything (Astro.currentLocale, a form field): the default when absent or unknown. */
export const localeOr = (value: unknown): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

/** `/about` in `lang`: unprefixed in the default language, `/es/about` in Spanish; `/` becomes `/es`. */
export function localizePath(path: string, lang: Locale): string {
  if (lang === DEFAULT_LOCALE) return path;
  return path === '/' ? `/${lang}` : `/${lang}${path}`;
}

/** The language a path is in, and the path without its prefix: `/es/stories/x` → es, `/stories/x`. */
export function splitLocale(pathname: string): { lang: Locale; path: string } {
  const [, first, ...rest] = pathname.split('/');
  if (first && first !== DEFAULT_LOCALE && isLocale(first)) return { lang: first, path: `/${rest.join('/')}` };
  return { lang: DEFAULT_LOCALE, path: pathname };
}

/** The `[...lang]` part of a page's address: empty for the default language. */
const langParam = (lang: Locale) => (lang === DEFAULT_LOCALE ? undefined : lang);

/** getStaticPaths for a page that exists once in every language. */
export const localeParams = () => LOCALES.map((lang) => ({ params: { lang: langParam(lang) } }));

/** getStaticPaths for pages that exist in every language: `pagesIn(lang)` lists one language's, with their params. */
export async function inEveryLanguage<P extends Record<string, string>, T>(
  pagesIn: (lang: Locale) => Promise<Array<{ params: P; props: T }>>,
) {
  const perLanguage = await Promise.all(
    LOCALES.map(async (lang) => (await pagesIn(lang)).map(({ params, props }) => ({ params: { ...params, lang: langParam(lang) }, props }))),
  );
  return perLanguage.flat();
}

/**
 * The attributes for text in `lang` inside an element in `within`: none when they are the same language, `lang` when
 * it differs, and `dir` too when it is written the other way (English inside an Arabic page keeps reading left to right).
 */
export function textIn(lang: Locale | undefined, within: Locale): { lang?: Locale; dir?: 'ltr' | 'rtl' } {
  if (!lang || lang === within) return {};
  return LANGUAGES[lang].dir === LANGUAGES[within].dir ? { lang } : { lang, dir: LANGUAGES[lang].dir };
}
