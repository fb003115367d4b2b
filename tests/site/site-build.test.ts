// The production build of the fixture content (tests/fixtures/content), made once by the global setup.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { FIXTURE_CONTENT, projectRoot } from '../support/astro-cli';
import { builtSite, contentFiles, meta, pngSize, rssItems, sitemapUrls } from '../support/built-site';

const site = builtSite(inject('builtSiteDir'));
const fixtures = join(projectRoot, FIXTURE_CONTENT);
const ORIGIN = 'http://localhost:4321';
const STORY = 'stories/an-ordinary-story';
const links = (html: string, prefix: string) =>
  [...html.matchAll(new RegExp(`href="${prefix}([^"]+)"`, 'g'))].map((match) => match[1]);

describe('entries and drafts', () => {
  it.each(['stories', 'news'] as const)('writes a page for every published %s entry and none for drafts', (collection) => {
    const entries = contentFiles(fixtures, collection);
    expect(entries.some((entry) => entry.draft)).toBe(true);
    for (const { id, draft } of entries) expect(site.exists(`${collection}/${id}.html`), `${collection}/${id}`).toBe(!draft);
  });

  it('lists published stories newest first and leaves drafts out of the list', () => {
    expect(links(site.page('stories'), '/stories/')).toEqual([
      'a-story-with-a-content-warning',
      'part-two-of-a-series',
      'an-ordinary-story',
      'part-one-of-a-series',
    ]);
  });
});

describe('every page', () => {
  it.each(site.routes())('%s has a title, description, canonical URL, share image, feeds and landmarks', (route) => {
    const html = site.page(route);
    expect(html).toMatch(/<title>[^<]+Walkaway[^<]*<\/title>/);
    expect(meta(html, 'description')).toMatch(/.{20,}/);
    expect(html).toMatch(new RegExp(`<link rel="canonical" href="${ORIGIN}/[^"]*"`));
    expect(meta(html, 'og:title')).toBeTruthy();
    expect(meta(html, 'og:image')).toMatch(new RegExp(`^${ORIGIN}/og/.+\\.png$`));
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Walkaway: campaign stories" href="${ORIGIN}/stories/rss.xml">`);
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Walkaway: the campaign in the news" href="${ORIGIN}/news/rss.xml">`);
    expect(html).toContain('<main id="main"');
    expect(html).toContain('href="#main"');
    expect(html).toMatch(/<nav aria-label="Main"/);
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
    expect(links(site.page('tags/survivors'), '/stories/')).toEqual([
      'a-story-with-a-content-warning',
      'part-two-of-a-series',
      'part-one-of-a-series',
    ]);
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
  ] as const)('/%s/rss.xml is RSS 2.0 with one item per published entry and absolute links', (collection, titleField) => {
    const xml = site.read(`${collection}/rss.xml`);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><rss version="2.0"/);
    const published = contentFiles(fixtures, collection).filter((entry) => !entry.draft);
    const items = rssItems(xml);
    expect(items.map((item) => item.link).sort()).toEqual(published.map(({ id }) => `${ORIGIN}/${collection}/${id}`).sort());
    for (const entry of published) {
      const title = entry.field(titleField)!.replace(/^"(.*)"$/, '$1');
      expect(items.map((item) => item.title)).toContain(title);
    }
  });
});

describe('discovery', () => {
  it('lists every page and the on-demand /pledge, /walkaways and /privacy in the sitemap, but not drafts, errors, the thanks page or the embed', () => {
    expect(site.read('sitemap-index.xml')).toContain(`<loc>${ORIGIN}/sitemap-0.xml</loc>`);
    const urls = sitemapUrls(site.read('sitemap-0.xml'));
    const onDemand = [`${ORIGIN}/pledge`, `${ORIGIN}/walkaways`, `${ORIGIN}/privacy`];
    const pages = site.routes().filter((route) => route !== '404').map((route) => `${ORIGIN}/${route === 'index' ? '' : route}`);
    expect(urls.filter((url) => !onDemand.includes(url)).sort()).toEqual(pages.sort());
    expect(urls).toEqual(expect.arrayContaining(onDemand));
    expect(urls.some((url) => /draft|\/404|pledge\/thanks|unsubscribe|embed/.test(url))).toBe(false);
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
    expect(site.bytes('og/stories/part-two-of-a-series.png').equals(site.bytes('og/stories/part-one-of-a-series.png'))).toBe(false);
  });
});
