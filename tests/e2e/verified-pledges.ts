// Verified pledges in Chromium, on the preview that confirms by email: with and without JavaScript, in English and
// Spanish, from the form to the email's link and its button; axe finds nothing on the new pages.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, withAxe } from '../support/axe.ts';
import { launchChromium, newVisitor } from '../support/browser.ts';
import { linkIn, mailTo } from '../support/sent-mail.ts';

const site = inject('verifiedPreviewUrl');
const log = inject('verifiedPreviewLog');
let browser: Browser;
let n = 0;
const address = () => `verified-e2e-${Date.now()}-${n++}@example.org`;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

async function visitor(javaScriptEnabled: boolean) {
  const context = await withAxe(await newVisitor(browser, {}));
  const page = await context.newPage();
  // Without JavaScript the site's scripts are blocked, so the form posts natively; axe itself still runs.
  if (!javaScriptEnabled) await page.route('**/_astro/*.js', (route) => route.abort());
  return { context, page };
}

async function pledge(page: Page, path: string, email: string) {
  await page.goto(`${site}${path}`);
  await page.fill('#email', email);
  await page.click('#pledge-submit');
}

describe('confirming a pledge in the browser', () => {
  it('with JavaScript, in English: "check your inbox" in place, then the link’s button counts it and says its number', async () => {
    const { context, page } = await visitor(true);
    const email = address();
    await pledge(page, '/pledge', email);
    const heading = page.locator('#pledge-success-title');
    await heading.waitFor();
    expect(await heading.textContent()).toBe('Check your inbox');
    expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.locator('[data-pledge-next]').isHidden()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    const [mail] = await mailTo(log, email);
    await page.goto(linkIn(mail!, 'confirm'));
    expect(await page.locator('h1').textContent()).toBe('Confirm your pledge');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.click('form[data-pledge-link] button');
    await page.getByText(/You are walkaway number/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('without JavaScript, in Spanish: the check-email page, the email in Spanish, confirmation, and withdrawing', async () => {
    const { context, page } = await visitor(false);
    const email = address();
    await pledge(page, '/es/pledge', email);
    await page.waitForURL(`${site}/es/pledge/check-email`);
    expect(await page.locator('h1').textContent()).toBe('Revisa tu correo');
    expect(await accessibilityViolations(page)).toEqual([]);

    const [mail] = await mailTo(log, email);
    await page.goto(linkIn(mail!, 'confirm'));
    expect(await page.locator('h1').textContent()).toBe('Confirma tu compromiso');
    await page.click('form[data-pledge-link] button');
    await page.getByText(/Eres el walkaway número/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(linkIn(mail!, 'withdraw'));
    expect(await page.locator('h1').textContent()).toBe('¿Retirar este compromiso?');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.click('form[data-pledge-link] button');
    expect(await page.locator('h1').textContent()).toBe('El compromiso está retirado');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows an expired or broken link as a page that says what to do, with no violations', async () => {
    const { context, page } = await visitor(true);
    const response = await page.goto(`${site}/pledge/confirm?token=1.abc.00000000000000000000000000000000`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('This link does not work');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
