// The production build of the fixture content (tests/fixtures/content), made once by the global setup.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { FIXTURE_CONTENT, projectRoot } from '../support/astro-cli.ts';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { addressOf, builtFiles, builtSite, contentFiles, meta, pagesOf, pngSize, routeIn, rssItems, sitemapUrls } from '../support/built-site.ts';

const site = builtSite(inject('builtSiteDir'));
const fixtures = join(projectRoot, FIXTURE_CONTENT);
const ORIGIN = 'http://localhost:4321';
const STORY = 'stories/an-ordinary-story';
const links = (html: string, prefix: string) =>
  [...html.matchAll(new RegExp(`href="${prefix}([^"]+)"`, 'g'))].map((match) => match[1]);
const LANGUAGES = ['en', 'es'];
/** A page's language, from `<html lang>`. */
const htmlLang = (html: string) => html.match(/<html lang="([^"]+)"/)?.[1];
/** The route of a page without its language: `es/stories/x` → `stories/x`, `es` → `index`. */
const unprefixed = (route: string) => {
  const [first, ...rest] = route.split('/');
  return first && LANGUAGES.includes(first) ? rest.join('/') || 'index' : route;
};

describe('entries and drafts', () => {
  it('builds every language the site has', () => {
    expect(site.languages()).toEqual(LANGUAGES);
  });

  it.each(['stories', 'news'] as const)('writes a page in every language for every published %s entry and none for drafts', (collection) => {
    const pages = pagesOf(contentFiles(fixtures, collection));
    expect(pages.some((page) => !page.published)).toBe(true);
    for (const lang of LANGUAGES) {
      for (const { slug, published } of pages) {
        const route = routeIn(lang, `${collection}/${slug}`);
        expect(site.exists(`${route}.html`), route).toBe(published);
      }
    }
  });

  it("carries no draft's title, summary or body anywhere in the production build: not in a page, a chunk or the worker", () => {
    const carrying = builtFiles(inject('builtSiteDir'))
      .filter(({ text }) => /DRAFT(TITLE|SUMMARY|BODY)MARKER/.test(text))
      .map(({ file }) => file);
    expect(carrying).toEqual([]);
  });

  it('lists published stories newest first in every language, untranslated ones included, and leaves drafts out', () => {
    const order = ['a-story-with-a-content-warning', 'una-historia-solo-en-espanol', 'part-two-of-a-series', 'an-ordinary-story', 'part-one-of-a-series'];
    expect(links(site.page('stories'), '/stories/')).toEqual(order);
    expect(links(site.page('es/stories'), '/es/stories/')).toEqual(order);
  });
});

describe('in Spanish', () => {
  const es = dictionary('es');

  it('says every word of the interface in Spanish, in a page that says it is Spanish', () => {
    const html = site.page('es');
    expect(htmlLang(html)).toBe('es');
    expect(html).toContain('dir="ltr"');
    for (const words of [es.home.heading, es.nav.stories, es.nav.pledge, es.quickExit.label, es.tally.heading, es.site.skipLink]) {
      expect(html).toContain(words);
    }
    expect(html).not.toContain(dictionary('en').home.heading);
  });

  it('shows a translated story in Spanish, with Spanish dates', () => {
    const html = site.page('es/stories/an-ordinary-story');
    expect(html).toContain('Una historia corriente');
    expect(html).not.toContain('An ordinary story');
    expect(html).toContain('>12 de octubre de 2026<');
    expect(html).toMatch(/<article[^>]*>/);
    expect(html.match(/<article[^>]*>/)?.[0]).not.toContain('lang=');
  });

  it('shows a story that has no Spanish version in English, marked as English, never hidden', () => {
    const html = site.page('es/stories/a-story-with-a-content-warning');
    expect(htmlLang(html)).toBe('es');
    expect(html).toMatch(/<article[^>]* lang="en"/);
    expect(html).toContain('A story with a content warning');
    expect(html).toContain(es.badges.inLanguage('inglés'));
    // Its card in the Spanish list: the title in English, marked, the badge in Spanish.
    const card = site.page('es/stories').match(/<article(?:(?!<\/article>)[\s\S])*a-story-with-a-content-warning[\s\S]*?<\/article>/)?.[0] ?? '';
    expect(card).toMatch(/<h2[^>]* lang="en"/);
    expect(card).toContain(es.badges.inLanguage('inglés'));
  });

  it('lists a story that exists only in Spanish on the English pages, marked as Spanish', () => {
    const html = site.page('stories/una-historia-solo-en-espanol');
    expect(htmlLang(html)).toBe('en');
    expect(html).toMatch(/<article[^>]* lang="es"/);
    expect(html).toContain(dictionary('en').badges.inLanguage('Spanish'));
  });

  it('keeps every link of a Spanish page in Spanish', () => {
    const html = site.page('es/stories/part-one-of-a-series');
    const internal = [...html.matchAll(/<a [^>]*href="(\/[^"]*)"/g)].map((match) => match[1]!);
    const english = internal.filter((href) => !href.startsWith('/es') && !href.startsWith('/og/'));
    // The language switcher (in the phone menu and in the wider header, one of them displayed) and the suggestion offer
    // the English page; nothing else leaves Spanish.
    expect(english).toEqual(Array(3).fill('/stories/part-one-of-a-series'));
  });

  it('puts the Spanish series box on a translated part, linking to the Spanish pages', () => {
    const box = site.page('es/stories/part-one-of-a-series').match(/<nav[^>]+data-series-box[\s\S]*?<\/nav>/)?.[0] ?? '';
    expect(box.match(/<h2[^>]*>([\s\S]*?)<\/h2>/)?.[1]?.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()).toBe(
      'Parte 1 de La serie de las pruebas: «cuatro partes»',
    );
    expect(box).toContain('href="/es/stories/part-two-of-a-series" rel="next"');
  });
});

describe('alternate languages', () => {
  it.each(site.routes().filter((route) => route !== '404'))('%s links to itself in every language, and x-default to English', (route) => {
    const html = site.page(route);
    const base = unprefixed(route);
    const alternates = Object.fromEntries([...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map(([, lang, href]) => [lang, href]));
    expect(alternates).toEqual({
      ...Object.fromEntries(LANGUAGES.map((lang) => [lang, `${ORIGIN}${addressOf(routeIn(lang, base))}`])),
      'x-default': `${ORIGIN}${addressOf(base)}`,
    });
    for (const lang of LANGUAGES) expect(site.exists(`${routeIn(lang, base)}.html`), routeIn(lang, base)).toBe(true);
    // The switcher keeps the reader on the same page.
    const other = LANGUAGES.find((lang) => lang !== (htmlLang(html) ?? 'en'))!;
    expect(html).toContain(`<a href="${addressOf(routeIn(other, base))}" hreflang="${other}" lang="${other}"`);
  });
});

describe('every page', () => {
  it.each(site.routes())('%s has a title, description, canonical URL, share image, feeds and landmarks in its language', (route) => {
    const html = site.page(route);
    const lang = htmlLang(html)!;
    const t = dictionary(lang as 'en' | 'es');
    expect(LANGUAGES).toContain(lang);
    expect(html).toMatch(/<title>[^<]+Walkaway[^<]*<\/title>/);
    expect(meta(html, 'description')).toMatch(/.{20,}/);
    expect(html).toMatch(new RegExp(`<link rel="canonical" href="${ORIGIN}/[^"]*"`));
    expect(meta(html, 'og:title')).toBeTruthy();
    expect(meta(html, 'og:locale')).toBe(lang);
    expect(meta(html, 'og:image')).toMatch(new RegExp(`^${ORIGIN}/og/${lang === 'en' ? '' : `${lang}/`}[a-z]+[^"]*\\.png$`));
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    const feeds = `${ORIGIN}${lang === 'en' ? '' : `/${lang}`}`;
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="${t.feeds.stories.title}" href="${feeds}/stories/rss.xml">`);
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="${t.feeds.news.title}" href="${feeds}/news/rss.xml">`);
    expect(html).toContain('<main id="main"');
    expect(html).toContain('href="#main"');
    expect(html).toContain(`<nav aria-label="${t.nav.label}"`);
  });

  it('loads nothing from another origin', () => {
    for (const route of site.routes()) {
      const sources = [...site.page(route).matchAll(/(?:src|srcset)="([^"]+)"|<link[^>]+href="([^"]+)"/g)]
        .map((match) => match[1] ?? match[2] ?? '')
        .filter((url) => !url.startsWith('/') && !url.startsWith(ORIGIN));
      expect(sources, route).toEqual([]);
    }
  });
});

describe('a story', () => {
  it('shows its reading time, author, update date and a sized hero image with alt text', () => {
    const html = site.page(STORY);
    expect(html).toMatch(/\d+ min read/);
    expect(html).toContain('Fixture author');
    expect(html).toContain('<time datetime="2026-10-12">');
    const hero = html.match(/<img[^>]+alt="A crimson circle on a dark background, the fixture image\."[^>]*>/)?.[0] ?? '';
    expect(hero).toMatch(/width="\d+"/);
    expect(hero).toMatch(/height="\d+"/);
  });

  it('shows a content warning before the body', () => {
    const html = site.page('stories/a-story-with-a-content-warning');
    expect(html.indexOf('Content warning')).toBeGreaterThan(-1);
    expect(html.indexOf('Content warning')).toBeLessThan(html.indexOf('How it tends to start'));
  });

  it('keeps accents and curly quotes in its title', () => {
    expect(site.page('stories/part-two-of-a-series')).toContain('<h1 class="mt-2 text-4xl leading-tight font-black tracking-tight text-balance sm:text-5xl">Part two: “Ñandú” at the café in Łódź</h1>');
  });
});

describe('news', () => {
  it('does not link out while the address is a placeholder', () => {
    const html = site.page('news/an-article-with-a-placeholder-address');
    expect(html).toContain('still to be confirmed');
    expect(html).not.toContain('href="https://example.org');
  });

  it('links to the article once its real address is in', () => {
    expect(site.page('news/an-article-with-its-real-address')).toContain('href="https://press.test/the-article"');
  });
});

describe('series', () => {
  it('/series lists every series', () => {
    expect(links(site.page('series'), '/series/').sort()).toEqual(['a-series-with-no-parts-yet', 'fixture-series']);
  });

  it('/series/<slug> lists its published parts in order, across stories and news, without drafts', () => {
    const html = site.page('series/fixture-series');
    expect(html).toContain('The fixture series: “four parts”');
    expect(html.match(/<ol[\s\S]*<\/ol>/)?.[0].match(/href="[^"]+"/g)).toEqual([
      'href="/stories/part-one-of-a-series"',
      'href="/stories/part-two-of-a-series"',
      'href="/news/an-article-with-a-placeholder-address"',
    ]);
    expect(html).not.toContain('a-draft-story');
  });

  it('says so when a series has no published part yet', () => {
    expect(site.page('series/a-series-with-no-parts-yet')).toContain('No part of this series has been published yet.');
  });

  function seriesBox(route: string) {
    const box = site.page(route).match(/<nav[^>]+data-series-box[\s\S]*?<\/nav>/)?.[0] ?? '';
    return {
      heading: box.match(/<h2[^>]*>([\s\S]*?)<\/h2>/)?.[1]?.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim(),
      current: box.match(/<span aria-current="page"[^>]*>\s*([^<]*?)\s*<\/span>/)?.[1],
      previous: box.match(/<a href="([^"]+)" rel="prev"/)?.[1],
      next: box.match(/<a href="([^"]+)" rel="next"/)?.[1],
      listed: box.match(/<ol[\s\S]*<\/ol>/)?.[0].match(/Part \d+:/g),
    };
  }

  it('puts a "Part N of" box with previous and next links and the full list on every part', () => {
    expect(seriesBox('stories/part-one-of-a-series')).toEqual({
      heading: 'Part 1 of The fixture series: “four parts”',
      current: 'Part one of a series',
      previous: undefined,
      next: '/stories/part-two-of-a-series',
      listed: ['Part 1:', 'Part 2:', 'Part 3:'],
    });
    expect(seriesBox('stories/part-two-of-a-series')).toMatchObject({
      heading: 'Part 2 of The fixture series: “four parts”',
      previous: '/stories/part-one-of-a-series',
      next: '/news/an-article-with-a-placeholder-address',
    });
    expect(seriesBox('news/an-article-with-a-placeholder-address')).toMatchObject({
      heading: 'Part 3 of The fixture series: “four parts”',
      previous: '/stories/part-two-of-a-series',
      next: undefined,
    });
  });

  it('shows no box on an entry outside a series', () => {
    expect(site.page(STORY)).not.toContain('data-series-box');
  });
});

describe('tags', () => {
  it("links a story's tags to their pages", () => {
    expect(links(site.page('stories/part-one-of-a-series'), '/tags/')).toEqual(['launch', 'survivors']);
  });

  it('/tags/<tag> lists the published stories with that tag, newest first', () => {
    const tagged = ['a-story-with-a-content-warning', 'una-historia-solo-en-espanol', 'part-two-of-a-series', 'part-one-of-a-series'];
    expect(links(site.page('tags/survivors'), '/stories/')).toEqual(tagged);
    expect(links(site.page('es/tags/survivors'), '/es/stories/')).toEqual(tagged);
  });

  it('has no page for a tag only drafts use, and /tags lists the others', () => {
    expect(site.exists('tags/draft-only-tag.html')).toBe(false);
    expect(links(site.page('tags'), '/tags/')).toEqual(['launch', 'safety', 'survivors']);
  });
});

describe('feeds', () => {
  it.each([
    ['stories', 'title'],
    ['news', 'headline'],
  ] as const)('/%s/rss.xml is RSS 2.0 in each language, one item per published entry, with absolute links', (collection, titleField) => {
    const entries = contentFiles(fixtures, collection).filter((entry) => !entry.draft);
    for (const lang of LANGUAGES) {
      const xml = site.read(`${routeIn(lang, collection)}/rss.xml`);
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><rss version="2.0"/);
      expect(xml).toContain(`<language>${lang}</language>`);
      const items = rssItems(xml);
      const published = pagesOf(entries);
      expect(items.map((item) => item.link).sort()).toEqual(published.map(({ slug }) => `${ORIGIN}/${routeIn(lang, `${collection}/${slug}`)}`).sort());
      for (const { slug } of published) {
        // The title in the feed's language where there is a translation, otherwise as written.
        const versions = entries.filter((entry) => entry.slug === slug);
        const shown = versions.find((entry) => entry.lang === lang) ?? versions.find((entry) => entry.lang === 'en') ?? versions[0]!;
        expect(items.map((item) => item.title)).toContain(shown.field(titleField)!.replace(/^"(.*)"$/, '$1'));
      }
    }
  });
});

describe('discovery', () => {
  it('lists every page and the on-demand /pledge, /walkaways, /privacy, /get-help and /speak-out in every language, but not drafts, errors, the thanks pages or the embed', () => {
    expect(site.read('sitemap-index.xml')).toContain(`<loc>${ORIGIN}/sitemap-0.xml</loc>`);
    const xml = site.read('sitemap-0.xml');
    const urls = sitemapUrls(xml);
    const onDemand = LANGUAGES.flatMap((lang) => ['pledge', 'walkaways', 'privacy', 'get-help', 'speak-out'].map((page) => `${ORIGIN}/${routeIn(lang, page)}`));
    const pages = site.routes().filter((route) => route !== '404').map((route) => `${ORIGIN}${addressOf(route)}`);
    expect(urls.filter((url) => !onDemand.includes(url)).sort()).toEqual(pages.sort());
    expect(urls).toEqual(expect.arrayContaining(onDemand));
    expect(urls.some((url) => /draft|\/404|\/thanks|unsubscribe|embed/.test(url))).toBe(false);
    // Each address names its other languages, as the pages themselves do.
    expect(xml).toContain(
      `<url><loc>${ORIGIN}/es/pledge</loc><xhtml:link rel="alternate" hreflang="es" href="${ORIGIN}/es/pledge"/><xhtml:link rel="alternate" hreflang="en" href="${ORIGIN}/pledge"/></url>`,
    );
  });

  it('points robots.txt at the sitemap', () => {
    expect(site.read('robots.txt')).toContain(`Sitemap: ${ORIGIN}/sitemap-index.xml`);
  });
});

describe('share images', () => {
  it.each(site.routes())('%s has a 1200×630 PNG share image that the build wrote', (route) => {
    const image = new URL(meta(site.page(route), 'og:image')!).pathname;
    expect(pngSize(site.bytes(image)), image).toEqual({ width: 1200, height: 630 });
  });

  it('gives stories, news and series their own image and every other page the general one', () => {
    expect(meta(site.page('stories/part-two-of-a-series'), 'og:image')).toBe(`${ORIGIN}/og/stories/part-two-of-a-series.png`);
    expect(meta(site.page('news/an-article-with-its-real-address'), 'og:image')).toBe(`${ORIGIN}/og/news/an-article-with-its-real-address.png`);
    expect(meta(site.page('series/fixture-series'), 'og:image')).toBe(`${ORIGIN}/og/series/fixture-series.png`);
    expect(meta(site.page('about'), 'og:image')).toBe(`${ORIGIN}/og/site.png`);
    expect(meta(site.page('es/about'), 'og:image')).toBe(`${ORIGIN}/og/es/site.png`);
    expect(meta(site.page('es/stories/an-ordinary-story'), 'og:image')).toBe(`${ORIGIN}/og/es/stories/an-ordinary-story.png`);
    // Drawn from the Spanish title where there is one.
    expect(site.bytes('og/es/stories/an-ordinary-story.png').equals(site.bytes('og/stories/an-ordinary-story.png'))).toBe(false);
    expect(site.bytes('og/stories/part-two-of-a-series.png').equals(site.bytes('og/stories/part-one-of-a-series.png'))).toBe(false);
  });
});
