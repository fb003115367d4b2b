// Link-preview images, rendered at build time in Node (the adapter's prerenderEnvironment is 'node': satori and
// sharp cannot run in workerd). In every language: one per story, news entry and series from its title (in that
// language where translated), and one for every other page.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getNews, getSeries, getStories } from '../../collections.ts';
import { dictionary } from '../../i18n/dictionary.ts';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import { shareImagePath } from '../../lib/content/paths.ts';
import { renderShareImage } from '../../lib/share-image/render-share-image.ts';

const slugOf = (path: string) => path.replace(/^\/og\//, '').replace(/\.png$/, '');

async function imagesIn(lang: Locale) {
  const t = dictionary(lang);
  const [stories, news, series] = await Promise.all([getStories(lang), getNews(lang), getSeries(lang)]);
  return [
    { path: shareImagePath(lang, 'site'), eyebrow: t.shareImage.eyebrow, title: t.site.tagline },
    ...stories.map(({ slug, entry }) => ({
      path: shareImagePath(lang, { collection: 'stories', slug }),
      eyebrow: t.shareImage.story,
      title: entry.data.title,
    })),
    ...news.map(({ slug, entry }) => ({
      path: shareImagePath(lang, { collection: 'news', slug }),
      eyebrow: t.shareImage.news,
      title: entry.data.headline,
    })),
    ...series.map(({ slug, entry }) => ({
      path: shareImagePath(lang, { collection: 'series', slug }),
      eyebrow: t.shareImage.series,
      title: entry.data.title,
    })),
  ].map(({ path, eyebrow, title }) => ({ params: { slug: slugOf(path) }, props: { eyebrow, title, lang } }));
}

export const getStaticPaths = (async () => (await Promise.all(LOCALES.map(imagesIn))).flat()) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props, url }) => {
  const { site } = dictionary(props.lang as Locale);
  const { png, missingGlyphs } = await renderShareImage({ title: props.title, eyebrow: props.eyebrow, campaign: site.campaign, site: site.name });
  if (missingGlyphs.length) console.warn(`[walkaway] ${url.pathname}: no font for ${missingGlyphs.join(' ')}; it shows as boxes.`);
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
