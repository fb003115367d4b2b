import { LOCALES, localizePath } from '../i18n/locales.ts';

/** Kept out of search results in every language: API answers, personal unsubscribe links and the partners' embed. */
const PRIVATE_PATHS = ['/updates/', '/embed/'];

/** robots.txt: pages may be indexed, except the private ones. The sitemap needs an absolute address. */
export function robotsTxt(sitemap: URL): string {
  const disallowed = ['/api/', ...LOCALES.flatMap((lang) => PRIVATE_PATHS.map((path) => localizePath(path, lang)))];
  return ['User-agent: *', ...disallowed.map((path) => `Disallow: ${path}`), '', `Sitemap: ${sitemap.href}`, ''].join('\n');
}
