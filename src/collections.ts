import { getCollection, getEntry } from 'astro:content';
import { isVisible, newestFirst } from './lib/content/publishing';
import { inReadingOrder, partsOf, type SeriesPart } from './lib/content/series';
import { byTag } from './lib/content/tags';

const includeDrafts = import.meta.env.DEV;

export async function getStories() {
  return newestFirst(await getCollection('stories', (entry) => isVisible(entry, { includeDrafts })));
}

export async function getNews() {
  return newestFirst(await getCollection('news', (entry) => isVisible(entry, { includeDrafts })));
}

/** Every series, by title. */
export async function getSeries() {
  return (await getCollection('series')).sort((a, b) => a.data.title.localeCompare(b.data.title, 'en'));
}

/** The published stories and news entries of one series, in reading order. */
export async function getSeriesParts(seriesId: string): Promise<SeriesPart[]> {
  const [stories, news] = await Promise.all([getStories(), getNews()]);
  return inReadingOrder(seriesId, [
    ...partsOf(seriesId, 'stories', stories, (story) => story.data.title),
    ...partsOf(seriesId, 'news', news, (item) => item.data.headline),
  ]);
}

/** Published stories grouped by tag, tags in alphabetical order, stories newest first. */
export async function getStoriesByTag() {
  return byTag(await getStories());
}

/** The series an entry belongs to and its parts, for the "Part N of …" box; undefined outside a series. */
export async function getSeriesOf(entry: { data: { series?: { id: string } | undefined } }) {
  if (!entry.data.series) return undefined;
  const series = await getEntry('series', entry.data.series.id);
  // The content config refuses unknown series, so this only fails if that check is ever removed.
  if (!series) throw new Error(`Unknown series "${entry.data.series.id}"`);
  return { series, parts: await getSeriesParts(series.id) };
}
