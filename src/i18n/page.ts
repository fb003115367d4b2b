import { pageAddress } from '../lib/page-address.ts';
import { dictionary } from './dictionary.ts';
import { DEFAULT_LOCALE, isLocale, type Locale, localeOr, localizePath, splitLocale } from './locales.ts';

/**
 * What a page or component needs of its language: the code, the words, addresses in that language (`path`), and
 * the page's own address, whole and without its language prefix (`here`: the same page in another language).
 */
export function pageLanguage({ currentLocale, url }: { currentLocale: string | undefined; url: URL }) {
  const lang: Locale = localeOr(currentLocale);
  const address = pageAddress(url.pathname);
  return { lang, t: dictionary(lang), path: (to: string) => localizePath(to, lang), address, here: splitLocale(address).path };
}

/** True for the `[...lang]` part of an address: empty for the default language, else another language's code. */
export const isLanguageParam = (param: string | undefined) => param === undefined || (param !== DEFAULT_LOCALE && isLocale(param));
