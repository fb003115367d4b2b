/** The collections that have a page per entry. */
export type PagedCollection = 'stories' | 'news' | 'series';

export const entryPath = (collection: PagedCollection, id: string) => `/${collection}/${id}`;

export const tagPath = (tag: string) => `/tags/${tag}`;

/** Where the build writes an entry's link-preview image; `site` is the general one every other page shares. */
export const shareImagePath = (page: { collection: PagedCollection; id: string } | 'site') =>
  page === 'site' ? '/og/site.png' : `/og/${page.collection}/${page.id}.png`;
