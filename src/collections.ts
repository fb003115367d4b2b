import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { dictionary } from './i18n/dictionary.ts';
import { type Locale, localeOr } from './i18n/locales.ts';
import { entryFeed } from './lib/content/feed.ts';
import { isVisible, newestFirst } from './lib/content/publishing.ts';
import { inReadingOrder, partsOf, type SeriesPart } from './lib/content/series.ts';
import { byTag } from './lib/content/tags.ts';
import { inLanguage, type Localized } from './lib/content/translations.ts';
import { PARTNER_SLUG } from './lib/partners/frame-origin.ts';
import { isPreviewBuild } from './preview-build.ts';

const includeDrafts = import.meta.env.DEV || isPreviewBuild;

/** The visible entries of a collection, each once, in `lang` where translated (see translations.ts). */
async function localized<C extends 'stories' | 'news'>(collection: C, lang: Locale) {
  const visible = await getCollection(collection, (entry) => isVisible(entry, { includeDrafts }));
  return newestFirst(inLanguage(visible as Array<CollectionEntry<C>>, lang), (item) => item.entry);
}

export type Story = Localized<CollectionEntry<'stories'>>;
export type NewsItem = Localized<CollectionEntry<'news'>>;
export type Series = Localized<CollectionEntry<'series'>>;

/** Published stories, newest first (drafts too in `npm run dev`). */
export const getStories = (lang: Locale): Promise<Story[]> => localized('stories', lang);

/** Published news entries, newest first. */
export const getNews = (lang: Locale): Promise<NewsItem[]> => localized('news', lang);

/** Every series, by title. */
export async function getSeries(lang: Locale): Promise<Series[]> {
  return inLanguage(await getCollection('series'), lang).sort((a, b) => a.entry.data.title.localeCompare(b.entry.data.title, lang));
}

/** The published stories and news entries of one series, in reading order. */
export async function getSeriesParts(seriesSlug: string, lang: Locale): Promise<SeriesPart[]> {
  const [stories, news] = await Promise.all([getStories(lang), getNews(lang)]);
  return inReadingOrder(seriesSlug, [
    ...partsOf(seriesSlug, 'stories', stories, (story) => story.entry.data.title),
    ...partsOf(seriesSlug, 'news', news, (item) => item.entry.data.headline),
  ]);
}

/** Published stories grouped by tag, tags in alphabetical order, stories newest first. */
export async function getStoriesByTag(lang: Locale) {
  return byTag(await getStories(lang), (story) => story.entry.data.tags);
}

/** The series an entry belongs to and its parts, for the "Part N of …" box; undefined outside a series. */
export async function getSeriesOf(entry: { data: { series?: { id: string } | undefined } }, lang: Locale) {
  if (!entry.data.series) return undefined;
  const slug = entry.data.series.id;
  const series = (await getSeries(lang)).find((each) => each.slug === slug);
  // The content config refuses unknown series, so this only fails if that check is ever removed.
  if (!series) throw new Error(`Unknown series "${slug}"`);
  return { series, parts: await getSeriesParts(slug, lang) };
}

/** The RSS feed of published stories or news entries in the page's language (a news entry's title is its headline). */
export async function collectionFeed(collection: 'stories' | 'news', { site, currentLocale }: { site: URL | undefined; currentLocale: string | undefined }) {
  const lang = localeOr(currentLocale);
  const entries =
    collection === 'stories'
      ? (await getStories(lang)).map(({ slug, entry: { data } }) => ({ slug, ...data }))
      : (await getNews(lang)).map(({ slug, entry: { data } }) => ({ slug, title: data.headline, ...data }));
  // `site` is always set: astro.config.mjs gives every build its public address (localhost when SITE_URL is unset).
  return entryFeed({ ...dictionary(lang).feeds[collection], site: site!, lang, collection, entries });
}

/** The accessibility statement's dates and contact (content/campaign/accessibility.yaml). */
export async function getAccessibilityStatement() {
  const entry = await getEntry('campaign', 'statement');
  // The build fails without the file; only a file with another top-level key gets here.
  if (!entry) throw new Error('content/campaign/accessibility.yaml needs its `statement:` entry');
  return entry.data;
}

export type PartnerEntry = CollectionEntry<'partners'>;

/** The partner a `?partner=` code names, when it is active; undefined for anything else (unknown, inactive, malformed). */
export async function getActivePartner(code: string | null): Promise<PartnerEntry | undefined> {
  if (!code || !PARTNER_SLUG.test(code)) return undefined;
  const partner = await getEntry('partners', code);
  return partner?.data.active ? partner : undefined;
}

/** The partners /partners names: active ones whose file says `listed: true`, by name. */
export async function getListedPartners(lang: Locale): Promise<PartnerEntry[]> {
  const listed = await getCollection('partners', ({ data }) => data.active && data.listed);
  return listed.sort((a, b) => a.data.name.localeCompare(b.data.name, lang));
}
