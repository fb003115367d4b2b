import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { QUICK_EXIT_URL } from '../../src/config';
import { launchChromium, newVisitor, visitorWithQuickExit } from '../support/browser';

const site = inject('previewUrl');
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());
afterEach(() => context?.close());

async function visit(path: string, options: Parameters<typeof newVisitor>[1] = {}): Promise<Page> {
  context = await visitorWithQuickExit(browser, options);
  const page = await context.newPage();
  await page.goto(`${site}${path}`);
  return page;
}

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
  it.each(['/', '/stories', '/stories/an-ordinary-story', '/news', '/news/an-article-with-a-placeholder-address', '/series/fixture-series', '/tags/survivors', '/walkaways', '/partners', '/embed/counter', '/about', '/get-help', '/safety', '/privacy', '/pledge', '/pledge/thanks'])(
    '%s makes every request to its own origin and sets no cookie',
    async (path) => {
      context = await newVisitor(browser);
      const page = await context.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(`${site}${path}`);
      await page.waitForLoadState('networkidle');
      expect(requested.filter((url) => !url.startsWith(`${site}/`) && !url.startsWith('data:'))).toEqual([]);
      expect(await context.cookies()).toEqual([]);
    },
  );
});
