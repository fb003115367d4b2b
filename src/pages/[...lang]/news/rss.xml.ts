import type { APIRoute, GetStaticPaths } from 'astro';
import { getNews } from '../../../collections';
import { localeParams, localeOr } from '../../../i18n/locales';
import { dictionary } from '../../../i18n/dictionary';
import { entryFeed } from '../../../lib/content/feed';

export const getStaticPaths = (() => localeParams()) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ site, currentLocale }) => {
  const lang = localeOr(currentLocale);
  return entryFeed({
    ...dictionary(lang).feeds.news,
    site: site!,
    lang,
    collection: 'news',
    entries: (await getNews(lang)).map(({ slug, entry: { data } }) => ({ slug, title: data.headline, ...data })),
  });
};
