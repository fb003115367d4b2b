import rss, { type RSSFeedItem } from '@astrojs/rss';
import type { Locale } from '../../i18n/locales.ts';
import { entryPath, type PagedCollection } from './paths.ts';

interface FeedEntry {
  slug: string;
  title: string;
  summary: string;
  publishedAt: Date;
  tags?: readonly string[];
}

/** One RSS item per entry, linking to the entry's page in the feed's language. */
export function feedItems(collection: PagedCollection, entries: readonly FeedEntry[], lang: Locale): RSSFeedItem[] {
  return entries.map(({ slug, title, summary, publishedAt, tags }) => ({
    title,
    description: summary,
    pubDate: publishedAt,
    link: entryPath(collection, slug, lang),
    ...(tags?.length ? { categories: [...tags] } : {}),
  }));
}

interface Feed {
  title: string;
  description: string;
  /** The site's public address: @astrojs/rss makes every link absolute with it. */
  site: URL | string;
  lang: Locale;
  collection: PagedCollection;
  entries: readonly FeedEntry[];
}

/** An RSS 2.0 document of the entries. Page addresses have no trailing slash, and neither do the items' links. */
export function entryFeed({ title, description, site, lang, collection, entries }: Feed): Promise<Response> {
  return rss({
    title,
    description,
    site,
    trailingSlash: false,
    customData: `<language>${lang}</language>`,
    items: feedItems(collection, entries, lang),
  });
}
