import { getCollection } from 'astro:content';
import { isVisible, newestFirst } from './lib/content/publishing';

const includeDrafts = import.meta.env.DEV;

export async function getStories() {
  return newestFirst(await getCollection('stories', (entry) => isVisible(entry, { includeDrafts })));
}

export async function getNews() {
  return newestFirst(await getCollection('news', (entry) => isVisible(entry, { includeDrafts })));
}
