import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QUICK_EXIT_URL } from '../../src/config.ts';
import { newVisitor, useBrowser } from '../support/browser.ts';

const site = inject('previewUrl');
const chromium = useBrowser(site);
const visit = chromium.visit;

const overlayShown = (page: Page) =>
  page.evaluate(() => !document.querySelector<HTMLElement>('[data-quick-exit-overlay]')!.hidden);

describe('the quick exit', () => {
  it('is the first thing in the focus order, at least 44 px tall, and stays on screen when scrolling', async () => {
    const page = await visit('/stories/a-story-with-a-content-warning');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Exit this page/);
    await page.mouse.wheel(0, 3000);
    await page.waitForFunction(() => window.scrollY > 500);
    const box = await page.locator('[data-quick-exit-link]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(60);
    const onTop = await page.evaluate(() => {
      const link = document.querySelector('[data-quick-exit-link]')!.getBoundingClientRect();
      return document.elementFromPoint(link.x + link.width / 2, link.y + link.height / 2)?.closest('[data-quick-exit-link]') !== null;
    });
    expect(onTop).toBe(true);
  });

  it('blanks the page at once and replaces it in the history when clicked', async () => {
    const page = await visit('/about');
    await page.goto(`${site}/stories`);
    await page.click('[data-quick-exit-link]', { noWaitAfter: true });
    await page.waitForURL(QUICK_EXIT_URL);
    await page.goBack();
    // The exited page was replaced, so Back skips it and lands on the one before.
    expect(page.url()).toBe(`${site}/about`);
  });

  it('leaves after Shift is pressed three times, counting the presses aloud', async () => {
    const page = await visit('/news');
    const status = page.locator('[data-quick-exit-status]');
    await page.keyboard.press('Shift');
    expect(await status.textContent()).toBe('Shift, press 2 more times to exit');
    await page.keyboard.press('Shift');
    expect(await status.textContent()).toBe('Shift, press 1 more time to exit');
    const exited = page.waitForURL(QUICK_EXIT_URL);
    await page.keyboard.press('Shift');
    await exited;
  });

  it('does not leave on Shift presses broken up by typing, or on Escape', async () => {
    const page = await visit('/pledge');
    await page.click('#firstName');
    await page.keyboard.press('Shift');
    await page.keyboard.type('Ana');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift');
    // Key handlers run as each press is dispatched; a painted frame after the last one shows their outcome.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(page.url()).toBe(`${site}/pledge`);
    expect(await overlayShown(page)).toBe(false);
  });

  it('is a plain link to the neutral site without JavaScript', async () => {
    const page = await visit('/', { javaScriptEnabled: false });
    expect(await page.getAttribute('[data-quick-exit-link]', 'href')).toBe(QUICK_EXIT_URL);
    await page.click('[data-quick-exit-link]');
    await page.waitForURL(QUICK_EXIT_URL);
  });

  it('does not show the blank screen when the page comes back from the back/forward cache', async () => {
    const page = await visit('/about');
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-quick-exit-overlay]')!.hidden = false;
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    });
    expect(await overlayShown(page)).toBe(false);
  });
});

describe('no third parties', () => {
  // One visitor goes from page to page, as a reader would; every request any page makes is recorded.
  let reader: BrowserContext;
  let tab: Page;
  const requested: string[] = [];
  beforeAll(async () => {
    reader = await newVisitor(chromium.browser);
    tab = await reader.newPage();
    tab.on('request', (request) => requested.push(request.url()));
  });
  afterAll(() => reader.close());

  it.each(['/', '/stories', '/stories/an-ordinary-story', '/news', '/news/an-article-with-a-placeholder-address', '/series/fixture-series', '/tags/survivors', '/walkaways', '/partners', '/embed/counter', '/about', '/get-help', '/safety', '/privacy', '/pledge', '/pledge/thanks'])(
    '%s makes every request to its own origin and sets no cookie',
    async (path) => {
      requested.length = 0;
      await tab.goto(`${site}${path}`);
      await tab.waitForLoadState('networkidle');
      expect(requested.filter((url) => !url.startsWith(`${site}/`) && !url.startsWith('data:'))).toEqual([]);
      expect(await reader.cookies()).toEqual([]);
    },
  );
});
