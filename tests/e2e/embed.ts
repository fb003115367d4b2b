// The pledge form on a partner's page, in Chromium: a page served from another origin (tests/support/partner-site.ts)
// embeds it with embed.js, or frames it directly when JavaScript is off. The pledge is made inside the frame, thanked
// inside the frame, and stored as the partner's; the frame is kept as tall as its content by messages that only our
// origin may send; and the form is accessible at phone and desktop widths.
import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client/web';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { accessibilityViolations, withAxe } from '../support/axe.ts';
import { QUICK_EXIT_URL } from '../../src/config.ts';
import { launchChromium, newVisitor, visitorWithQuickExit } from '../support/browser.ts';
import { LOCAL_PARTNER } from '../support/partner-site.ts';

const site = inject('previewUrl');
const partnerSite = inject('partnerSiteUrl');
const sql = createClient({ url: inject('databaseUrl') });
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  sql.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

const partnerPage = (query = '') => `${partnerSite}/?site=${encodeURIComponent(site)}&partner=${LOCAL_PARTNER}${query}`;
const sourceOf = async (firstName: string) =>
  (await sql.execute({ sql: 'SELECT source FROM pledges WHERE first_name = ?', args: [firstName] })).rows.map((row) => row[0]);
const uniqueName = () => `Embed${randomUUID().replace(/[^a-f]/g, '').slice(0, 8)}`;

async function open(url: string, javaScriptEnabled = true): Promise<Page> {
  context = await newVisitor(browser, { javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function pledgeIn(frame: FrameLocator, firstName: string) {
  await frame.locator('#email').fill(`${firstName.toLowerCase()}@example.org`);
  await frame.locator('#firstName').fill(firstName);
  await frame.locator('#pledge-submit').click();
  await frame.locator('#pledge-success-title').waitFor();
}

/** The height embed.js gave the frame, and the height of what the frame shows. */
async function heights(page: Page) {
  const frame = page.locator('[data-walkaway-pledge] iframe');
  const given = await frame.evaluate((element: HTMLIFrameElement) => element.style.height);
  const content = await page
    .frameLocator('[data-walkaway-pledge] iframe')
    .locator('[data-embed-frame]')
    .evaluate((element) => `${Math.ceil(element.getBoundingClientRect().height)}px`);
  return { given, content };
}

describe("the pledge form on a partner's page, with JavaScript", () => {
  it("is put there by embed.js, pledged in, thanked in the frame, and stored as the partner's", async () => {
    const page = await open(partnerPage());
    const frame = page.frameLocator('[data-walkaway-pledge] iframe');
    const firstName = uniqueName();
    await pledgeIn(frame, firstName);
    expect(await frame.locator('[data-pledge-status]').textContent()).toBe(dictionary('en').embedPledge.counted);
    const share = frame.locator('[data-pledge-share] a');
    expect([await share.getAttribute('href'), await share.getAttribute('target')]).toEqual(['/pledge/thanks', '_blank']);
    expect(page.url()).toBe(partnerPage());
    expect(await sourceOf(firstName)).toEqual([LOCAL_PARTNER]);
  });

  it('is kept as tall as its content, and ignores height messages from any other origin', async () => {
    const page = await open(partnerPage());
    const frame = page.frameLocator('[data-walkaway-pledge] iframe');
    await frame.locator('#email').waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLIFrameElement>('[data-walkaway-pledge] iframe')?.style.height !== '640px');
    const first = await heights(page);
    expect(first.given).toBe(first.content);

    // Errors make the form taller: the frame follows.
    await frame.locator('#pledge-submit').click();
    await frame.locator('[data-error-summary]').waitFor();
    await page.waitForFunction((before) => document.querySelector<HTMLIFrameElement>('[data-walkaway-pledge] iframe')?.style.height !== before, first.given);
    const withErrors = await heights(page);
    expect(withErrors.given).toBe(withErrors.content);
    expect(Number.parseInt(withErrors.given)).toBeGreaterThan(Number.parseInt(first.given));

    // The partner's own page (another origin) posts what looks like our message; then a marker, delivered after it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          addEventListener('message', (event) => event.data === 'after' && resolve());
          postMessage({ type: 'walkaway:height', height: 50 }, '*');
          postMessage('after', '*');
        }),
    );
    expect((await heights(page)).given).toBe(withErrors.given);
  });

  it("leaves the partner's whole page, not just the frame, with the quick exit", async () => {
    context = await visitorWithQuickExit(browser);
    const page = await context.newPage();
    await page.goto(partnerPage());
    await page.frameLocator('[data-walkaway-pledge] iframe').locator('[data-quick-exit-link]').click();
    await page.waitForURL(QUICK_EXIT_URL);
    expect(await page.title()).toBe('Weather');
  });

  it('leaves the partner’s whole page after three presses of Shift in the form, before any click in it', async () => {
    context = await visitorWithQuickExit(browser);
    const page = await context.newPage();
    await page.goto(partnerPage());
    // Focus moves into the frame as a keyboard would bring it there, with no click: the frame alone may not move
    // the window then, so the partner's page (embed.js) does it.
    await page.frameLocator('[data-walkaway-pledge] iframe').locator('#email').focus();
    for (let press = 0; press < 3; press += 1) await page.keyboard.press('Shift');
    await page.waitForURL(QUICK_EXIT_URL);
    expect(await page.title()).toBe('Weather');
  });

  it("opens in the partner page's language", async () => {
    const page = await open(partnerPage('&lang=es'));
    const frame = page.frameLocator('[data-walkaway-pledge] iframe');
    await frame.locator('#email').waitFor();
    expect(await frame.locator('html').getAttribute('lang')).toBe('es');
    expect(await frame.locator('h1').first().textContent()).toBe(dictionary('es').embedPledge.heading);
  });

  it('is refused to a page whose origin is not among the partner’s', async () => {
    const page = await open(`${partnerSite}/?site=${encodeURIComponent(site)}&partner=quiet-group`);
    await page.locator('[data-walkaway-pledge] iframe').waitFor({ state: 'attached' });
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/embed/pledge')));
    const frame = page.frames().find((each) => each !== page.mainFrame());
    await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/);
  });
});

describe("the pledge form on a partner's page, without JavaScript", () => {
  it("takes the pledge, thanks in the frame, and stores it as the partner's", async () => {
    const page = await open(partnerPage('&frame=1'), false);
    const frame = page.frameLocator('#walkaway-frame');
    const firstName = uniqueName();
    await pledgeIn(frame, firstName);
    expect(await frame.locator('#pledge-success-title').textContent()).toBe(dictionary('en').pledge.successTitle);
    expect(page.url()).toBe(partnerPage('&frame=1'));
    expect(await sourceOf(firstName)).toEqual([LOCAL_PARTNER]);
  });

  it('shows what to fix in the frame, keeping what was typed', async () => {
    const page = await open(partnerPage('&frame=1'), false);
    const frame = page.frameLocator('#walkaway-frame');
    await frame.locator('#email').fill('not-an-email');
    await frame.locator('#pledge-submit').click();
    await frame.locator('[data-error-summary]').waitFor();
    expect(await frame.locator('#email').inputValue()).toBe('not-an-email');
  });

  it('has a quick exit that leaves the partner’s whole page', async () => {
    const page = await open(partnerPage('&frame=1'), false);
    const exit = page.frameLocator('#walkaway-frame').locator('[data-quick-exit-link]');
    expect(await exit.getAttribute('target')).toBe('_top');
  });
});

describe('the pledge form accessibility', () => {
  it.each([320, 1280])('has no violations at %d px: the form, its errors and its thanks, in both languages', async (width) => {
    context = await withAxe(await newVisitor(browser, { viewport: { width, height: 800 } }));
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of [`/embed/pledge?partner=${LOCAL_PARTNER}`, `/es/embed/pledge?partner=${LOCAL_PARTNER}`]) {
      await page.goto(`${site}${path}`);
      found.push(...(await accessibilityViolations(page)).map((violation) => `${path}: ${violation}`));
      await page.click('#pledge-submit');
      await page.locator('[data-error-summary]').waitFor();
      found.push(...(await accessibilityViolations(page)).map((violation) => `${path} with errors: ${violation}`));
      await page.goto(`${site}${path}&pledged=check-email`);
      found.push(...(await accessibilityViolations(page)).map((violation) => `${path} thanks: ${violation}`));
    }
    expect(found).toEqual([]);
  });
});
