import { LOCALES, localizePath } from '../i18n/locales.ts';

/**
 * Pages rendered on demand that search engines should know, in every language. The sitemap integration lists only
 * prerendered pages by itself. Not listed: the thanks pages, unsubscribe links and the partners' embed.
 */
const SEARCHABLE_ON_DEMAND_PAGES = ['/pledge', '/get-help', '/privacy', '/walkaways', '/speak-out'];

export const onDemandSitemapUrls = (site: string | URL) =>
  LOCALES.flatMap((lang) => SEARCHABLE_ON_DEMAND_PAGES.map((page) => new URL(localizePath(page, lang), site).href));
