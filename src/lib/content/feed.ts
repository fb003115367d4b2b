import rss, { type RSSFeedItem } from '@astrojs/rss';
import { entryPath, type PagedCollection } from './paths';

interface FeedEntry {
  id: string;
  title: string;
  summary: string;
  publishedAt: Date;
  tags?: readonly string[];
}

/** One RSS item per entry, linking to the entry's page on this site. */
export function feedItems(collection: PagedCollection, entries: readonly FeedEntry[]): RSSFeedItem[] {
  return entries.map(({ id, title, summary, publishedAt, tags }) => ({
    title,
    description: summary,
    pubDate: publishedAt,
    link: entryPath(collection, id),
    ...(tags?.length ? { categories: [...tags] } : {}),
  }));
}

interface Feed {
  title: string;
  description: string;
  /** The site's public address: @astrojs/rss makes every link absolute with it. */
  site: URL | string;
  collection: PagedCollection;
  entries: readonly FeedEntry[];
}

/** An RSS 2.0 document of the entries. Page addresses have no trailing slash, and neither do the items' links. */
export function entryFeed({ title, description, site, collection, entries }: Feed): Promise<Response> {
  return rss({ title, description, site, trailingSlash: false, items: feedItems(collection, entries) });
}
