// Every page, as a visitor's browser sees it at phone and desktop widths: axe finds no WCAG 2.2 AA violations. With
// WALKAWAY_SCREENSHOTS=1 each is also written to tests/e2e/screenshots/ (ignored by git) for a person to look at.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, withAxe } from '../support/axe.ts';
import { launchChromium, newVisitor } from '../support/browser.ts';

const site = inject('previewUrl');
const screenshots = process.env.WALKAWAY_SCREENSHOTS === '1' ? fileURLToPath(new URL('./screenshots/', import.meta.url)) : undefined;
const WIDTHS = [375, 1280];

const PAGES = [
  ['home', '/'],
  ['stories', '/stories'],
  ['story', '/stories/a-story-with-a-content-warning'],
  ['news', '/news'],
  ['news-item', '/news/an-article-with-a-placeholder-address'],
  ['series-part', '/stories/part-two-of-a-series'],
  ['series-list', '/series'],
  ['series', '/series/fixture-series'],
  ['tags', '/tags'],
  ['tag', '/tags/survivors'],
  ['walkaways', '/walkaways'],
  ['walkaways-by-name', '/walkaways?sort=name'],
  ['partners', '/partners'],
  ['embed-counter', '/embed/counter'],
  ['how-we-count', '/how-we-count'],
  ['accessibility', '/accessibility'],
  ['about', '/about'],
  ['get-help', '/get-help'],
  ['safety', '/safety'],
  ['privacy', '/privacy'],
  ['pledge', '/pledge'],
  ['pledge-thanks', '/pledge/thanks'],
  ['speak-out', '/speak-out'],
  ['speak-out-thanks', '/speak-out/thanks'],
  ['not-found', '/no-such-page'],
  ['es-home', '/es'],
  ['es-stories', '/es/stories'],
  ['es-story', '/es/stories/an-ordinary-story'],
  ['es-story-untranslated', '/es/stories/a-story-with-a-content-warning'],
  ['es-news', '/es/news'],
  ['es-news-item', '/es/news/an-article-with-its-real-address'],
  ['es-series-part', '/es/stories/part-one-of-a-series'],
  ['es-series', '/es/series/fixture-series'],
  ['es-tag', '/es/tags/survivors'],
  ['es-walkaways', '/es/walkaways'],
  ['es-partners', '/es/partners'],
  ['es-embed-counter', '/es/embed/counter'],
  ['es-how-we-count', '/es/how-we-count'],
  ['es-accessibility', '/es/accessibility'],
  ['es-about', '/es/about'],
  ['es-get-help', '/es/get-help?country=gb'],
  ['es-safety', '/es/safety'],
  ['es-privacy', '/es/privacy'],
  ['es-pledge', '/es/pledge'],
  ['es-pledge-thanks', '/es/pledge/thanks'],
  ['es-speak-out', '/es/speak-out'],
  ['es-not-found', '/es/no-existe'],
] as const;

let browser: Browser;
/** One visitor per width, whose tab goes from page to page. */
const tabs = new Map<number, Page>();

beforeAll(async () => {
  browser = await launchChromium();
  for (const width of WIDTHS) tabs.set(width, await (await withAxe(await newVisitor(browser, { viewport: { width, height: 900 } }))).newPage());
  if (screenshots) mkdirSync(screenshots, { recursive: true });
});
afterAll(() => browser.close());

/** Waits until the browser has painted twice, so that layout shifts from the last change have been reported. */
const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** The live count, on pages that show one, has arrived: axe checks the page as a reader sees it. */
const countShown = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('[data-tally]') || document.querySelector('[data-tally-count]:not([hidden])'));

/** Prepares and checks the page at both widths side by side, each in its own tab. */
async function atEachWidth(name: string, prepare: (page: Page) => Promise<void>) {
  const found = await Promise.all(
    [...tabs].map(async ([width, page]) => {
      await prepare(page);
      if (screenshots) await page.screenshot({ path: `${screenshots}${name}-${width}.png`, fullPage: true });
      return (await accessibilityViolations(page)).map((violation) => `${width}px: ${violation}`);
    }),
  );
  expect(found.flat(), name).toEqual([]);
}

describe('every page', () => {
  it.each(PAGES)('%s (%s) has no accessibility violations', async (name, path) => {
    await atEachWidth(name, async (page) => {
      const response = await page.goto(`${site}${path}`);
      expect(response?.status()).toBe(name.endsWith('not-found') ? 404 : 200);
      await countShown(page);
    });
  });
});

describe('the pledge form', () => {
  it('has no violations when showing errors', async () => {
    await atEachWidth('pledge-errors', async (page) => {
      await page.goto(`${site}/pledge`);
      await page.fill('#email', 'not-an-email');
      await page.selectOption('#country', 'FR');
      await page.fill('#firstName', 'www.spam.test');
      await page.click('#pledge-submit');
      await page.locator('[data-error-summary]').waitFor();
    });
  });

  it('has no violations on the error page the server renders for the plain form', async () => {
    // The site's scripts are blocked so the form posts natively; axe itself needs JavaScript to run.
    const context = await withAxe(await newVisitor(browser));
    const page = await context.newPage();
    await page.route('**/_astro/*.js', (route) => route.abort());
    await page.goto(`${site}/pledge`);
    await page.click('#pledge-submit');
    await page.waitForURL(`${site}/api/pledge`);
    await page.locator('[data-error-summary]').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('has no violations when showing errors in Spanish', async () => {
    await atEachWidth('es-pledge-errors', async (page) => {
      await page.goto(`${site}/es/pledge`);
      await page.fill('#email', 'no-es-un-correo');
      await page.click('#pledge-submit');
      await page.locator('[data-error-summary]').waitFor();
    });
  });

  it('has no violations on the story form showing its errors, typed by hand', async () => {
    await atEachWidth('speak-out-errors', async (page) => {
      await page.goto(`${site}/speak-out`);
      await page.fill('#story', 'A few words.');
      await page.check('#credit-initials');
      await page.click('#story-submit');
      await page.locator('[data-error-summary]').waitFor();
    });
  });

  it('has no violations after a successful pledge', async () => {
    let n = 0;
    await atEachWidth('pledge-success', async (page) => {
      await page.goto(`${site}/pledge`);
      await page.fill('#email', `axe-${Date.now()}-${n++}@example.org`);
      await page.click('#pledge-submit');
      await page.locator('#pledge-success-title').waitFor();
    });
  });
});

describe('layout stability', () => {
  // A tall window, so that everything a late count could push is on screen and would count as a shift.
  it.each(WIDTHS)('the home page does not shift when the count arrives late (%i px)', async (width) => {
    const context = await newVisitor(browser, { viewport: { width, height: 2400 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const record = window as unknown as { layoutShift: number };
      record.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) record.layoutShift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // The count is held back until the page has loaded and painted without it, then let through.
    const countHeld = Promise.withResolvers<void>();
    await page.route('**/api/tally', async (route) => {
      await countHeld.promise;
      await route.continue();
    });
    await page.goto(site, { waitUntil: 'load' });
    await nextFrames(page);
    countHeld.resolve();
    await page.locator('[data-tally-total]').waitFor();
    await nextFrames(page);
    expect(await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)).toBeLessThan(0.01);
    await context.close();
  });
});

describe('touch targets', () => {
  it('every link and button on the pledge page is at least 24 px high, or inline in text', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 900 } });
    await page.goto(`${site}/pledge`);
    const small = await page.$$eval('a, button, input, select', (elements) =>
      elements
        .filter((element) => {
          const box = element.getBoundingClientRect();
          const inline = element.tagName === 'A' && element.closest('p, li') && getComputedStyle(element).display === 'inline';
          return box.width > 0 && !inline && (box.height < 24 || box.width < 24) && (element as HTMLInputElement).type !== 'hidden';
        })
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
    await page.close();
  });
});
