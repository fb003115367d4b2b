import type { APIRoute } from 'astro';
import { getStories } from '../../collections';
import { FEEDS } from '../../config';
import { entryFeed } from '../../lib/content/feed';

export const GET: APIRoute = async ({ site }) =>
  entryFeed({
    ...FEEDS.stories,
    site: site!,
    collection: 'stories',
    entries: (await getStories()).map(({ id, data }) => ({ id, ...data })),
  });
