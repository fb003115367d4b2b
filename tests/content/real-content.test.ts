// The editors' own content/, built as `npm run deploy` builds it for production (wrangler only dry-runs). Editors add,
// retitle, publish and delete entries at will, so this asserts general rules only: never a slug, title, count or order.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode, type CommandResult } from '../support/astro-cli.ts';
import { addressOf, builtFiles, builtSite, contentFiles, meta, pagesOf, pngSize, routeIn, rssItems, sitemapUrls } from '../support/built-site.ts';
import { copySite, type SiteCopy } from '../support/site-copy.ts';

const SITE_URL = 'https://walkaway.example';
const quiet = { WRANGLER_SEND_METRICS: 'false' };
let copy: SiteCopy;
let deploy: CommandResult;

beforeAll(async () => {
  copy = copySite();
  deploy = await runNode(['scripts/deploy.ts', '--dry-run'], { cwd: copy.dir, env: { ...quiet, SITE_URL } });
}, 0);
afterAll(() => copy.remove());

const site = () => builtSite(copy.path('dist'));
const pages = (collection: string) => pagesOf(contentFiles(copy.path('content'), collection));
const published = (collection: string) => pages(collection).filter((page) => page.published);
/** Every published entry's page in every language, as a route (`stories/x`, `es/stories/x`). */
const publishedRoutes = (collection: string) =>
  site().languages().flatMap((lang) => published(collection).map(({ slug }) => ({ lang, route: routeIn(lang, `${collection}/${slug}`) })));

describe('npm run deploy', () => {
  it('builds the real content with the public address and hands it to wrangler, which accepts the bundle', () => {
    expect(deploy.code, deploy.output).toBe(0);
    expect(deploy.output).toContain('--dry-run: exiting now.');
    expect(deploy.output).not.toContain('SITE_URL is not set');
    // The committed sender is a placeholder: a real deploy would stop here, a dry run says so and goes on.
    expect(deploy.output).toContain('npm run deploy would refuse: EMAIL_FROM is the placeholder confirm@walkaway.example');
    for (const binding of ['env.PLEDGE_QUEUE', 'env.PLEDGE_RATE_LIMITER', 'env.DATABASE_TIMEOUT_MS', 'env.EMAIL_QUEUE']) {
      expect(deploy.output).toContain(binding);
    }
    const upload = deploy.output.match(/Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/);
    expect(upload).not.toBeNull();
    console.info(`worker upload: ${upload![1]}, gzip ${upload![2]}`);
  });

  it('refuses to run without SITE_URL, saying why, and builds nothing', async () => {
    const refused = copySite();
    try {
      const { code, output } = await runNode(['scripts/deploy.ts', '--dry-run'], { cwd: refused.dir, env: { ...quiet, SITE_URL: '' } });
      expect(code).toBe(1);
      expect(output).toContain('SITE_URL is not set');
      expect(existsSync(refused.path('dist'))).toBe(false);
    } finally {
      refused.remove();
    }
  });
});

describe('the real content', () => {
  it.each(['stories', 'news', 'series'])('has a page in every language for every published %s entry and none for drafts', (collection) => {
    for (const lang of site().languages()) {
      for (const { slug, published: isPublished } of pages(collection)) {
        const route = routeIn(lang, `${collection}/${slug}`);
        expect(site().exists(`${route}.html`), route).toBe(isPublished);
      }
    }
  });

  it("carries no draft's title or words anywhere in the production build, unless a published entry says them too", () => {
    const collections = ['stories', 'news', 'series'].flatMap((collection) => contentFiles(copy.path('content'), collection));
    const published = collections.filter((entry) => !entry.draft).map((entry) => entry.body).join('\n');
    const built = builtFiles(copy.path('dist'));
    for (const draft of collections.filter((entry) => entry.draft)) {
      // Its longest run of plain words stands for its body (no markup, so that it reads the same once built), and its title.
      const words = (text: string | undefined) => [...(text ?? '').matchAll(/[\p{L}\p{N} ,.]{30,}/gu)].map(([run]) => run.trim());
      const longest = words(draft.body).sort((a, b) => b.length - a.length)[0];
      const markers = [longest, ...words(draft.field('title') ?? draft.field('headline'))].filter(
        (marker): marker is string => marker !== undefined && !published.includes(marker),
      );
      for (const marker of markers) expect(built.filter(({ text }) => text.includes(marker)).map(({ file }) => file), draft.id).toEqual([]);
    }
  });

  it('gives every page a title, a description, a canonical URL on the public address and a 1200×630 share image', () => {
    for (const route of site().routes()) {
      const html = site().page(route);
      expect(html, route).toMatch(/<title>[^<]+<\/title>/);
      expect(meta(html, 'description'), route).toMatch(/\S/);
      expect(html, route).toMatch(new RegExp(`<link rel="canonical" href="${SITE_URL}/[^"]*"`));
      const image = meta(html, 'og:image')!;
      expect(image, route).toMatch(new RegExp(`^${SITE_URL}/og/`));
      expect(pngSize(site().bytes(new URL(image).pathname)), route).toEqual({ width: 1200, height: 630 });
    }
  });

  it.each(['stories', 'news', 'series'])('gives every published %s entry its own share image in every language', (collection) => {
    for (const { route } of publishedRoutes(collection)) {
      expect(meta(site().page(route), 'og:image'), route).toBe(`${SITE_URL}/og/${route}.png`);
    }
  });

  it.each(['stories', 'news'])("has one item in each language's /%s/rss.xml per published entry, with absolute links", (collection) => {
    for (const lang of site().languages()) {
      const links = rssItems(site().read(`${routeIn(lang, collection)}/rss.xml`)).map((item) => item.link);
      const expected = publishedRoutes(collection).filter((page) => page.lang === lang);
      expect(links.sort()).toEqual(expected.map(({ route }) => `${SITE_URL}/${route}`).sort());
    }
  });

  it('lists every published page and /pledge in every language in the sitemap, on the public address, and robots.txt points at it', () => {
    const urls = sitemapUrls(site().read('sitemap-0.xml'));
    for (const collection of ['stories', 'news', 'series']) {
      for (const { route } of publishedRoutes(collection)) expect(urls, route).toContain(`${SITE_URL}${addressOf(route)}`);
    }
    for (const lang of site().languages()) expect(urls).toContain(`${SITE_URL}${addressOf(routeIn(lang, 'pledge'))}`);
    expect(urls.every((url) => url.startsWith(`${SITE_URL}/`))).toBe(true);
    expect(site().read('robots.txt')).toContain(`Sitemap: ${SITE_URL}/sitemap-index.xml`);
  });
});
