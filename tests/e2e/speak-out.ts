// /speak-out as a survivor on a watched device meets it: the form with and without JavaScript, the character count,
// nothing kept in the browser, and the quick exit in the middle of typing.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { QUICK_EXIT_URL } from '../../src/config.ts';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { useBrowser } from '../support/browser.ts';

const site = inject('previewUrl');
const en = dictionary('en').speakOut;
const chromium = useBrowser(site);
const visit = chromium.visit;

/** What a watched browser could give away afterwards: storage, cookies, and the address. */
const traces = async (page: Page) => ({
  storage: await page.evaluate(() => [localStorage.length, sessionStorage.length]),
  cookies: (await chromium.context.cookies()).length,
  search: new URL(page.url()).search,
});

async function fillIn(page: Page, story: string) {
  await page.fill('#story', story);
  await page.check('#relationship-bystander');
  await page.check('#consent');
}

describe('sending a story with JavaScript', () => {
  it('counts the characters as they are typed, says so once the writer pauses, and keeps nothing in the browser', async () => {
    const page = await visit('/speak-out');
    const count = page.locator('[data-story-count]');
    expect(await count.textContent()).toBe('Characters left: 10,000');
    await page.locator('#story').pressSequentially('Hello');
    expect(await count.textContent()).toBe('Characters left: 9,995');
    await page.locator('[data-story-count-status]').filter({ hasText: 'Characters left: 9,995' }).waitFor({ state: 'attached' });
    await page.fill('#story', 'x'.repeat(10_003));
    expect(await count.textContent()).toBe('Characters too many: 3');
    expect(await traces(page)).toEqual({ storage: [0, 0], cookies: 0, search: '' });
  });

  it('arrives, and the thanks page says what happens next without a word of the story', async () => {
    const page = await visit('/speak-out');
    const story = `It began with a friend request ${Date.now()}.`;
    await fillIn(page, story);
    await page.click('#story-submit');
    await page.waitForURL(`${site}/speak-out/thanks`);
    expect(await page.locator('h1').textContent()).toBe(dictionary('en').speakOutThanks.heading);
    expect(await page.content()).not.toContain(story);
    expect(await traces(page)).toEqual({ storage: [0, 0], cookies: 0, search: '' });
  });
});

describe('sending a story without JavaScript', () => {
  it('shows every error with what was typed, the summary focused, then arrives once put right', async () => {
    const page = await visit('/speak-out', { javaScriptEnabled: false });
    expect(await page.locator('[data-story-count]').isHidden()).toBe(true);
    await page.fill('#story', 'What I saw.');
    await page.check('#credit-first-name');
    await page.fill('#email', 'not an email');
    await page.click('#story-submit');
    await page.locator('[data-error-summary]').waitFor();
    expect(await page.title()).toBe(`${en.errorTitle} | Walkaway`);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(await page.locator('[data-error-summary] a').allTextContents()).toEqual([
      en.errors.firstNameMissing,
      en.errors.relationship,
      en.errors.emailFormat,
      en.errors.consentMissing,
    ]);
    expect(await page.locator('[data-error-summary] a').first().getAttribute('href')).toBe('#creditName');
    expect(await page.inputValue('#story')).toBe('What I saw.');
    expect(await page.isChecked('#credit-first-name')).toBe(true);
    expect(await page.inputValue('#email')).toBe('not an email');

    await page.fill('#creditName', 'Sam');
    await page.fill('#email', '');
    await page.check('#relationship-friend-or-family');
    await page.check('#consent');
    await page.click('#story-submit');
    await page.waitForURL(`${site}/speak-out/thanks`);
  });
});

describe('the error summary with JavaScript', () => {
  it('takes focus on the page the server sends back, and moves focus into a field when its message is followed', async () => {
    const page = await visit('/speak-out');
    await page.fill('#story', 'What I saw.');
    await page.check('#credit-first-name');
    await page.click('#story-submit');
    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    await summary.locator('a[href="#creditName"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('creditName');
    await summary.locator('a[href="#relationship-survivor"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relationship-survivor');
  });
});

describe('the quick exit on /speak-out', () => {
  it('leaves in the middle of typing, and the page is gone from the history', async () => {
    const page = await visit('/stories');
    await page.goto(`${site}/speak-out`);
    await page.click('#story');
    await page.keyboard.type('He told me not to tell anyone');
    const exited = page.waitForURL(QUICK_EXIT_URL);
    for (let press = 0; press < 3; press += 1) await page.keyboard.press('Shift');
    await exited;
    await page.goBack();
    expect(page.url()).toBe(`${site}/stories`);
  });

  it('clears what was typed before it leaves, so nothing comes back', async () => {
    const page = await visit('/speak-out');
    // Sent to a place on the same page instead of the neutral site, so the page can still be read as it is left.
    await page.evaluate(() => document.querySelector('[data-quick-exit-link]')!.setAttribute('href', '#left'));
    await page.fill('#story', 'He told me not to tell anyone');
    await page.fill('#creditName', 'Sam');
    await page.fill('#email', 'me@example.org');
    await page.focus('#story');
    for (let press = 0; press < 3; press += 1) await page.keyboard.press('Shift');
    await page.waitForURL(`${site}/speak-out#left`);
    expect(await page.locator('[data-quick-exit-overlay]').isVisible()).toBe(true);
    const fields = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('#story, #creditName, #email, #contentWarning')].map((field) => field.value),
    );
    expect(fields).toEqual(['', '', '', '']);
  });
});
