import type { APIRoute } from 'astro';
import { getNews } from '../../collections';
import { FEEDS } from '../../config';
import { entryFeed } from '../../lib/content/feed';

export const GET: APIRoute = async ({ site }) =>
  entryFeed({
    ...FEEDS.news,
    site: site!,
    collection: 'news',
    entries: (await getNews()).map(({ id, data }) => ({ id, title: data.headline, ...data })),
  });
