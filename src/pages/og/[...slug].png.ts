// Link-preview images, rendered at build time in Node (the adapter's prerenderEnvironment is 'node': satori and
// sharp cannot run in workerd). One per story, news entry and series from its title, and one for every other page.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getNews, getSeries, getStories } from '../../collections';
import { SITE } from '../../config';
import { shareImagePath } from '../../lib/content/paths';
import { renderShareImage } from '../../lib/share-image/render-share-image';

const slugOf = (path: string) => path.replace(/^\/og\//, '').replace(/\.png$/, '');

export const getStaticPaths = (async () => {
  const [stories, news, series] = await Promise.all([getStories(), getNews(), getSeries()]);
  return [
    { path: shareImagePath('site'), eyebrow: 'The Walkaway pledge', title: SITE.tagline },
    ...stories.map(({ id, data }) => ({ path: shareImagePath({ collection: 'stories', id }), eyebrow: 'Story', title: data.title })),
    ...news.map(({ id, data }) => ({ path: shareImagePath({ collection: 'news', id }), eyebrow: 'News', title: data.headline })),
    ...series.map(({ id, data }) => ({ path: shareImagePath({ collection: 'series', id }), eyebrow: 'Series', title: data.title })),
  ].map(({ path, eyebrow, title }) => ({ params: { slug: slugOf(path) }, props: { eyebrow, title } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props, url }) => {
  const { png, missingGlyphs } = await renderShareImage({
    title: props.title,
    eyebrow: props.eyebrow,
    campaign: SITE.campaign,
    site: SITE.name,
  });
  if (missingGlyphs.length) console.warn(`[walkaway] ${url.pathname}: no font for ${missingGlyphs.join(' ')}; it shows as boxes.`);
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
