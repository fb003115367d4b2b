// The Spanish site as a Spanish-speaking visitor meets it: the pledge with and without JavaScript, the switcher, the
// suggestion, the helplines and the quick exit, all in Spanish.
import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { useBrowser } from '../support/browser.ts';

const site = inject('previewUrl');
const sql = createClient({ url: inject('databaseUrl') });
const es = dictionary('es');
const en = dictionary('en');
const chromium = useBrowser(site);
const visit = chromium.visit;
afterAll(() => sql.close());

const pledgeOf = async (email: string) =>
  (await sql.execute({ sql: 'SELECT p.id, s.consent_version FROM pledges p LEFT JOIN subscribers s ON s.pledge_id = p.id WHERE s.email = ?', args: [email] })).rows[0];

describe('pledging in Spanish with JavaScript', () => {
  it('shows the errors in Spanish, then thanks in Spanish with the count written the Spanish way', async () => {
    const page = await visit('/es/pledge');
    await page.fill('#email', 'ana@ejemplo');
    await page.click('#pledge-submit');
    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.locator('h2').textContent()).toBe(es.form.summaryTitle);
    expect(await page.locator('#email-error [data-message]').textContent()).toBe(es.pledge.errors.emailFormat);
    expect(await page.locator('#email-error .sr-only').textContent()).toBe(es.form.error);

    const email = `ana-${randomUUID()}@example.org`;
    await page.fill('#email', email);
    await page.check('#updates');
    await page.click('#pledge-submit');
    await page.locator('#pledge-success-title').waitFor();
    expect(await page.locator('#pledge-success-title').textContent()).toBe(es.pledge.successTitle);
    expect(await page.locator('[data-pledge-status]').textContent()).toBe(es.pledge.counted);
    expect(await page.locator('[data-pledge-success] a').getAttribute('href')).toBe('/es/pledge/thanks');
    // The consent was given to the Spanish wording, and is stored as such.
    expect((await pledgeOf(email))?.consent_version).toMatch(/\/es$/);
  });
});

describe('pledging in Spanish without JavaScript', () => {
  it('shows the form again in Spanish with what was typed, then lands on the Spanish thanks page', async () => {
    const page = await visit('/es/pledge', { javaScriptEnabled: false });
    await page.fill('#email', 'ana@ejemplo');
    await page.fill('#firstName', 'Ana');
    await page.selectOption('#country', 'MX');
    await page.click('#pledge-submit');
    await page.locator('[data-error-summary]').waitFor();
    expect(await page.title()).toBe(`${es.pledge.errorTitle} | Walkaway`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('[data-error-summary] a').allTextContents()).toEqual([es.pledge.errors.emailFormat]);
    expect([await page.inputValue('#email'), await page.inputValue('#firstName'), await page.inputValue('#country')]).toEqual([
      'ana@ejemplo',
      'Ana',
      'MX',
    ]);

    await page.fill('#email', `ana-${randomUUID()}@example.org`);
    await page.click('#pledge-submit');
    await page.waitForURL(`${site}/es/pledge/thanks`);
    expect(await page.locator('h1').textContent()).toBe(es.thanks.heading);
    expect(await page.locator('#next-heading').textContent()).toBe(es.thanks.nextHeading);
  });
});

describe('the language switcher', () => {
  it('keeps the reader on the same page, in the other language', async () => {
    const page = await visit('/stories/an-ordinary-story');
    await page.getByRole('navigation', { name: en.language.switcherLabel }).getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`${site}/es/stories/an-ordinary-story`);
    expect(await page.locator('h1').textContent()).toBe('Una historia corriente');
    await page.getByRole('navigation', { name: es.language.switcherLabel }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${site}/stories/an-ordinary-story`);
  });

  it('keeps what the address asked for, such as a share code', async () => {
    const page = await visit('/es/pledge?ref=partner-one');
    await page.getByRole('link', { name: 'English', exact: true }).click();
    await page.waitForURL(`${site}/pledge?ref=partner-one`);
    expect(await page.inputValue('input[name="ref"]')).toBe('partner-one');
  });
});

describe('the language suggestion', () => {
  it('offers the Spanish page to a browser that prefers Spanish, without moving it or storing anything', async () => {
    const page = await visit('/about', { locale: 'es-MX' });
    expect(page.url()).toBe(`${site}/about`);
    const suggestion = page.locator('[data-language-suggestion="es"]');
    await suggestion.waitFor();
    expect(await suggestion.getAttribute('lang')).toBe('es');
    expect(await suggestion.getByRole('link').getAttribute('href')).toBe('/es/about');
    await suggestion.getByRole('button', { name: es.language.dismiss }).click();
    expect(await suggestion.isHidden()).toBe(true);
    expect(await chromium.context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  });

  it('says nothing when the browser prefers the language of the page', async () => {
    const page = await visit('/es/about', { locale: 'es-ES' });
    await page.waitForLoadState('networkidle');
    expect(await page.locator('[data-language-suggestion]:visible').count()).toBe(0);
  });
});

describe('the helplines in Spanish', () => {
  it('put the country the reader picks first, with a plain form that works without JavaScript', async () => {
    const page = await visit('/es/get-help', { javaScriptEnabled: false });
    expect(await page.locator('h1').textContent()).toBe(es.help.heading);
    await page.selectOption('#country', 'gb');
    await page.getByRole('button', { name: es.help.show }).click();
    await page.waitForURL(`${site}/es/get-help?country=gb`);
    expect(await page.locator('section h2').first().textContent()).toBe('Reino Unido');
    expect(await page.inputValue('#country')).toBe('gb');
  });
});

describe('the quick exit in Spanish', () => {
  it('counts the Shift presses aloud in Spanish', async () => {
    const page = await visit('/es/stories');
    expect(await page.locator('[data-quick-exit-link]').textContent()).toContain(es.quickExit.label);
    await page.keyboard.press('Shift');
    expect(await page.locator('[data-quick-exit-status]').textContent()).toBe(es.quickExit.pressesLeft(2));
  });
});

describe('a missing page in Spanish', () => {
  it('says so in Spanish, with a 404', async () => {
    const page = await visit('/es/about');
    const response = await page.goto(`${site}/es/no-existe`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe(es.notFound.heading);
  });
});
