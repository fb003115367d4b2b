// The pledge within a phone's first screen: at 375×667 the header is one row (the name, "Take the pledge" and a menu
// that opens without JavaScript), so the pledge form's email field and the home page's pledge button start on the
// first screen, in both languages, even with the note that offers the page in the reader's other language. The menu
// works from the keyboard, is announced as what it is, and axe finds nothing wrong with it open.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { accessibilityViolations, withAxe } from '../support/axe.ts';
import { useBrowser } from '../support/browser.ts';

const site = inject('previewUrl');
const PHONE = { width: 375, height: 667 };
const visitor = useBrowser(site);

/** The top of an element, from the top of the page as first shown (nothing scrolled). */
const topOf = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!.y;

describe('on a 375×667 phone', () => {
  it.each(['/pledge', '/es/pledge'])('%s starts the email field within the first screen', async (path) => {
    const page = await visitor.visit(path, { viewport: PHONE });
    // An English-speaking browser on the Spanish page also gets the note offering it in English: the worst case.
    if (path.startsWith('/es')) await page.locator('[data-language-suggestion="en"]').waitFor();
    expect(await topOf(page, '#email')).toBeLessThan(PHONE.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
  });

  it.each(['/', '/es'])('%s starts its pledge button within the first screen', async (path) => {
    const page = await visitor.visit(path, { viewport: PHONE });
    expect(await topOf(page, 'main a[data-pledge-cta]')).toBeLessThan(PHONE.height);
  });

  it('keeps the quick exit and "Take the pledge" in sight, and the other links behind the menu', async () => {
    const page = await visitor.visit('/stories', { viewport: PHONE });
    const t = dictionary('en');
    expect(await page.locator('[data-quick-exit-link]').isVisible()).toBe(true);
    expect(await page.getByRole('banner').getByRole('link', { name: t.nav.pledge, exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: t.nav.label }).isVisible()).toBe(false);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Español' }).isVisible()).toBe(false);
  });

  it('opens the menu from the keyboard, lets Tab reach every link and the language switch, and says whether it is open', async () => {
    const page = await visitor.visit('/stories', { viewport: PHONE });
    const t = dictionary('en');
    const menu = page.locator('[data-site-menu] > summary');
    // Keyboard order: the quick exit and the site's name come first, then "Take the pledge", then the menu.
    const order: string[] = [];
    while (order.length < 8 && !(await menu.evaluate((summary) => summary === document.activeElement))) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(order.slice(-2)).toEqual([t.nav.pledge, t.nav.menu]);
    expect(order[0]).toContain(t.quickExit.label);
    expect(await page.locator('[data-site-menu]').evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-site-menu]').evaluate((details: HTMLDetailsElement) => details.open)).toBe(true);
    // Screen readers hear the control and whether it is expanded (Chromium exposes <summary> that way).
    expect(await page.locator('[data-site-menu]').ariaSnapshot()).toMatch(/- group:[\s\S]*Menu/);
    expect(await page.getByRole('navigation', { name: t.nav.label }).isVisible()).toBe(true);
    const reached: string[] = [];
    for (let step = 0; step < 5; step += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached).toEqual([t.nav.stories, t.nav.news, t.nav.about, t.nav.help, 'Español']);
    await menu.focus();
    await page.keyboard.press('Space');
    expect(await page.locator('[data-site-menu]').evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);
  });

  it('has no accessibility violations with the menu open', async () => {
    const page = await visitor.visit('/es/pledge', { viewport: PHONE });
    await withAxe(visitor.context);
    await page.reload();
    await page.locator('[data-site-menu] > summary').click();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('opens the menu without JavaScript', async () => {
    const page = await visitor.visit('/pledge', { viewport: PHONE, javaScriptEnabled: false });
    await page.locator('[data-site-menu] > summary').click();
    expect(await page.getByRole('banner').getByRole('link', { name: dictionary('en').nav.stories }).isVisible()).toBe(true);
  });
});

describe('on a desktop screen', () => {
  it('shows the links in the header, once, and no menu', async () => {
    const page = await visitor.visit('/stories', { viewport: { width: 1280, height: 800 } });
    const t = dictionary('en');
    expect(await page.locator('[data-site-menu]').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: t.nav.label }).count()).toBe(1);
    expect(await page.getByRole('link', { name: t.nav.stories, exact: true }).first().isVisible()).toBe(true);
  });
});
