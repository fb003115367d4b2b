import { LOCALES, localizePath } from '../i18n/locales.ts';

/**
 * Kept out of search results in every language: API answers, personal unsubscribe links, the pages a confirmation
 * email's links open, and the partners' embed.
 */
const PRIVATE_PATHS = ['/updates/', '/embed/', '/pledge/confirm', '/pledge/withdraw'];

/**
 * robots.txt: pages may be indexed, except the private ones; a pull request's preview (which shows drafts) not at all.
 * The sitemap needs an absolute address.
 */
export function robotsTxt(sitemap: URL, { preview = false }: { preview?: boolean } = {}): string {
  if (preview) return 'User-agent: *\nDisallow: /\n';
  const disallowed = ['/api/', ...LOCALES.flatMap((lang) => PRIVATE_PATHS.map((path) => localizePath(path, lang)))];
  return ['User-agent: *', ...disallowed.map((path) => `Disallow: ${path}`), '', `Sitemap: ${sitemap.href}`, ''].join('\n');
}
