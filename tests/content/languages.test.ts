// Adding a language is a dictionary, a line in src/i18n/locales.ts and src/i18n/dictionary.ts, and a folder of
// content. Here a right-to-left language is added that way, in a throwaway copy of the project. (A dictionary missing
// a word is refused by the type checker: tests/unit/languages.test.ts.)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT, runAstro } from '../support/astro-cli.ts';
import { launchChromium } from '../support/browser.ts';
import { copySite, type SiteCopy } from '../support/site-copy.ts';

function edit(copy: SiteCopy, file: string, change: (source: string) => string) {
  const path = copy.path(file);
  const changed = change(readFileSync(path, 'utf8'));
  expect(changed, `${file} did not change: the test no longer matches the source`).not.toBe(readFileSync(path, 'utf8'));
  writeFileSync(path, changed);
}

/** Serves a built site's static files as Cloudflare's assets would: `/ar/about` is `ar/about.html`. */
function serveStatic(root: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.png': 'image/png' };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url!, 'http://localhost').pathname);
    const file = [join(root, path), join(root, `${path}.html`), join(root, path, 'index.html')].find((each) => existsSync(each) && extname(each));
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

describe('a right-to-left language', () => {
  let copy: SiteCopy;
  let build: Awaited<ReturnType<typeof runAstro>>;
  let served: { server: Server; url: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    copy = copySite();
    // A fixture language: English words, laid out as Arabic is. The test is about direction, not translation.
    writeFileSync(
      copy.path('src/i18n/ar.ts'),
      "import type { Dictionary } from './dictionary.ts';\nimport { en } from './en.ts';\n\nexport const ar: Dictionary = en;\n",
    );
    edit(copy, 'src/i18n/locales.ts', (source) =>
      source
        .replace("export const LOCALES = ['en', 'es'] as const;", "export const LOCALES = ['en', 'es', 'ar'] as const;")
        .replace(/^( {2}es: \{.*\n)/m, "$1  ar: { name: 'العربية', dir: 'rtl', dates: 'ar' },\n"),
    );
    edit(copy, 'src/i18n/dictionary.ts', (source) =>
      source.replace("import { en } from './en.ts';", "import { ar } from './ar.ts';\nimport { en } from './en.ts';").replace('{ en, es }', '{ en, es, ar }'),
    );
    build = await runAstro(['build'], { cwd: copy.dir, env: { WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } });
    served = await serveStatic(copy.path('dist', 'client'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 0);
  afterAll(async () => {
    await browser?.close();
    served?.server.close();
    copy?.remove();
  });

  const html = (route: string) => readFileSync(copy.path('dist', 'client', `${route}.html`), 'utf8');

  it('builds every page under /ar with dir="rtl", and names it as an alternate on the others', () => {
    expect(build.code, build.output).toBe(0);
    expect(html('ar')).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl">/);
    expect(html('ar/stories/an-ordinary-story')).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html('es/about')).toMatch(/<html lang="es" dir="ltr">/);
    expect(html('about')).toContain('<link rel="alternate" hreflang="ar" href="http://localhost:4321/ar/about">');
    expect(html('about')).toMatch(/<a href="\/ar\/about" hreflang="ar" lang="ar" dir="rtl"/);
  });

  /** Where things are on a page: which side a box's thick border is on, which side the quick exit sits. */
  async function layout(path: string) {
    await page.goto(`${served.url}${path}`);
    return page.evaluate(() => {
      const warning = document.querySelector<HTMLElement>('[aria-labelledby="content-warning-heading"]');
      const exit = document.querySelector<HTMLElement>('[data-quick-exit-link]')!.getBoundingClientRect();
      return {
        direction: getComputedStyle(document.body).direction,
        warningBorder: warning && { left: getComputedStyle(warning).borderLeftWidth, right: getComputedStyle(warning).borderRightWidth },
        exitSide: exit.left + exit.width / 2 < innerWidth / 2 ? 'left' : 'right',
      };
    });
  }

  it('lays out from the right: borders on the inline start, the quick exit at the inline end', async () => {
    expect(await layout('/ar/stories/a-story-with-a-content-warning')).toEqual({
      direction: 'rtl',
      warningBorder: { left: '0px', right: '8px' },
      exitSide: 'left',
    });
    expect(await layout('/stories/a-story-with-a-content-warning')).toEqual({
      direction: 'ltr',
      warningBorder: { left: '8px', right: '0px' },
      exitSide: 'right',
    });
  });

  /** Every element drawn mirrored (a negative horizontal scale, by `transform` or by `scale`), by its text. */
  const mirrored = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((element) => {
          const { transform, scale } = getComputedStyle(element);
          const scaleX = scale === 'none' ? 1 : Number.parseFloat(scale);
          return new DOMMatrix(transform === 'none' ? undefined : transform).a * scaleX < 0;
        })
        .map((element) => element.textContent!.trim()),
    );

  it('turns only the arrows that point along the line; text, numbers and images are never mirrored', async () => {
    await page.goto(`${served.url}/ar/stories/part-one-of-a-series`);
    // The series box's "next" arrow and the pledge button's: both now point the way Arabic reads.
    expect(await mirrored()).toEqual(['→', '→']);
    await page.goto(`${served.url}/stories/part-one-of-a-series`);
    expect(await mirrored()).toEqual([]);
  });

  it('keeps an untranslated English story left to right inside the right-to-left page', async () => {
    await page.goto(`${served.url}/ar/stories/an-ordinary-story`);
    const article = await page.evaluate(() => {
      const element = document.querySelector('article')!;
      return { lang: element.lang, dir: element.dir, direction: getComputedStyle(element).direction };
    });
    expect(article).toEqual({ lang: 'en', dir: 'ltr', direction: 'ltr' });
  });
});
