import { createClient } from '@libsql/client/web';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { launchChromium, newVisitor } from '../support/browser.ts';

const site = inject('previewUrl');
const control = inject('databaseControlUrl');
const sql = createClient({ url: inject('databaseUrl') });
let browser: Browser;
let context: BrowserContext;
let page: Page;
let emailCounter = 0;
const freshEmail = () => `e2e-${Date.now()}-${emailCounter++}@example.org`;
const rowCount = async () => Number((await sql.execute("SELECT count(*) FROM pledges WHERE status = 'confirmed'")).rows[0]?.[0]);
/** Pledges by a first name, to find one person's pledge among those other tests make. */
const rowsNamed = async (name: string) =>
  Number((await sql.execute({ sql: 'SELECT count(*) FROM pledges WHERE first_name = ?', args: [name] })).rows[0]?.[0]);

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  sql.close();
});

async function openPledgePage(javaScriptEnabled = true) {
  context = await newVisitor(browser, { javaScriptEnabled });
  page = await context.newPage();
  await page.goto(`${site}/pledge`);
}

afterEach(async () => {
  await context?.close();
});

describe('pledging with JavaScript', () => {
  beforeEach(() => openPledgePage());

  it('records the pledge in place, announces it once and moves focus to it', async () => {
    const before = await rowCount();
    await page.fill('#email', freshEmail());
    await page.fill('#firstName', 'Ana');
    await page.selectOption('#country', 'GB');
    await page.click('#pledge-submit');
    const heading = page.locator('#pledge-success-title');
    await heading.waitFor();
    expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true);
    const status = page.locator('[data-pledge-status]');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.textContent()).toBe(dictionary('en').pledge.counted);
    // The answer carries no count; the page's tally fetches the new one.
    await page.waitForFunction((shown) => document.querySelector('[data-tally-total]')?.textContent === shown, (before + 1).toLocaleString('en-GB'));
    expect(await page.locator('form[data-pledge-form]').isHidden()).toBe(true);
    expect(await rowCount()).toBe(before + 1);
    expect(page.url()).toBe(`${site}/pledge`);
  });

  it('disables the button while the pledge is in flight', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/pledge', async (route) => {
      await held;
      await route.continue();
    });
    await page.fill('#email', freshEmail());
    await page.click('#pledge-submit');
    expect(await page.locator('#pledge-submit').isDisabled()).toBe(true);
    release();
    await page.locator('#pledge-success-title').waitFor();
  });

  it('gives a repeated pledge the same thanks, without counting it again', async () => {
    const email = freshEmail();
    await page.fill('#email', email);
    await page.click('#pledge-submit');
    await page.locator('#pledge-success-title').waitFor();
    const first = await page.locator('[data-pledge-status]').textContent();
    const count = await rowCount();
    await page.goto(`${site}/pledge`);
    await page.fill('#email', email.toUpperCase());
    await page.click('#pledge-submit');
    await page.locator('#pledge-success-title').waitFor();
    expect(await page.locator('[data-pledge-status]').textContent()).toBe(first);
    expect(await rowCount()).toBe(count);
  });

  it('shows each validation error in the summary and beside its field, and focuses the summary', async () => {
    await page.fill('#email', 'not-an-email');
    await page.fill('#firstName', '=SUM(A1)');
    await page.click('#pledge-submit');
    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.getAttribute('role')).toBe('alert');
    expect(await summary.locator('a').allTextContents()).toEqual([
      'Enter an email address in the correct format, like name@example.com',
      'First name must not start with =, +, - or @',
    ]);
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email').getAttribute('aria-describedby')).toBe('email-hint email-error');
    expect(await page.locator('#email-error').textContent()).toContain('correct format');
    await summary.locator('a[href="#firstName"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('firstName');
    expect(await page.inputValue('#firstName')).toBe('=SUM(A1)');
  });

  it('clears the errors once the form is put right', async () => {
    await page.click('#pledge-submit');
    await page.locator('[data-error-summary]').waitFor();
    await page.fill('#email', freshEmail());
    await page.click('#pledge-submit');
    await page.locator('#pledge-success-title').waitFor();
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBeNull();
  });

  it.each([
    ['the sender is rate limited (429)', 429, JSON.stringify({ error: dictionary('en').pledge.rateLimited }), /wait a minute/],
    ['the database is unavailable (503)', 503, JSON.stringify({ error: dictionary('en').pledge.unavailable }), /Nothing was saved/],
    ['a proxy answers with an error page (502)', 502, '<html>Bad gateway</html>', /Nothing was saved/],
  ])('when %s, says so, keeps the typed values and retries with the same key', async (_case, status, body, message) => {
    const keys: string[] = [];
    let attempts = 0;
    await page.route('**/api/pledge', async (route) => {
      keys.push(JSON.parse(route.request().postData() ?? '{}').idempotencyKey);
      attempts += 1;
      if (attempts === 1) await route.fulfill({ status, contentType: body.startsWith('{') ? 'application/json' : 'text/html', body });
      else await route.continue();
    });
    const email = freshEmail();
    await page.fill('#email', email);
    await page.click('#pledge-submit');
    await page.locator('[data-error-summary]').getByText(message).waitFor();
    expect(await page.inputValue('#email')).toBe(email);
    expect(await page.locator('#pledge-submit').isEnabled()).toBe(true);
    await page.click('#pledge-submit');
    await page.locator('#pledge-success-title').waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('when the network fails, says so and keeps the typed values', async () => {
    await page.route('**/api/pledge', (route) => route.abort('internetdisconnected'));
    await page.fill('#email', 'offline@example.org');
    await page.click('#pledge-submit');
    await page.locator('[data-error-summary]').getByText(/could not reach Walkaway/).waitFor();
    expect(await page.inputValue('#email')).toBe('offline@example.org');
  });

  it('when the database is really stopped, thanks the person at once and counts the pledge once it is back', async () => {
    const name = `Queued${Date.now()}`;
    await fetch(`${control}/stop`);
    try {
      await page.fill('#email', freshEmail());
      await page.fill('#firstName', name);
      await page.check('#updates');
      await page.click('#pledge-submit');
      await page.locator('#pledge-success-title').waitFor();
      expect(await page.locator('[data-pledge-status]').textContent()).toMatch(/saved and will join the count/);
    } finally {
      await fetch(`${control}/start`);
    }
    await vi.waitFor(async () => expect(await rowsNamed(name)).toBe(1), { timeout: 30_000, interval: 250 });
  });
});

describe('pledging without JavaScript', () => {
  beforeEach(() => openPledgePage(false));

  it('posts the form and lands on the thanks page', async () => {
    const before = await rowCount();
    await page.fill('#email', freshEmail());
    await page.click('#pledge-submit');
    await page.waitForURL(`${site}/pledge/thanks`);
    expect(await page.locator('h1').textContent()).toContain('You are a walkaway');
    expect(await rowCount()).toBe(before + 1);
  });

  it('shows the form again with its errors and what was typed, the summary focused', async () => {
    await page.fill('#email', 'typo@example');
    await page.fill('#firstName', 'Ana');
    await page.click('#pledge-submit');
    await page.locator('[data-error-summary]').waitFor();
    expect(page.url()).toBe(`${site}/api/pledge`);
    expect(await page.inputValue('#email')).toBe('typo@example');
    expect(await page.inputValue('#firstName')).toBe('Ana');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(await page.title()).toMatch(/^Error:/);
  });

  it('lands on the thanks page when the database is stopped, and the pledge is counted once it is back', async () => {
    const name = `Queued${Date.now()}`;
    await fetch(`${control}/stop`);
    try {
      await page.fill('#email', freshEmail());
      await page.fill('#firstName', name);
      await page.click('#pledge-submit');
      await page.waitForURL(`${site}/pledge/thanks`);
    } finally {
      await fetch(`${control}/start`);
    }
    await vi.waitFor(async () => expect(await rowsNamed(name)).toBe(1), { timeout: 30_000, interval: 250 });
  });
});

describe('a share code in the address', () => {
  it('follows the reader from any page to the pledge form, and is stored with the pledge', async () => {
    context = await newVisitor(browser);
    page = await context.newPage();
    await page.goto(`${site}/stories/an-ordinary-story?ref=partner-three`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Take the pledge' }).click();
    await page.waitForURL(`${site}/pledge?ref=partner-three`);
    const name = `Carried${Date.now()}`;
    await page.fill('#email', freshEmail());
    await page.fill('#firstName', name);
    await page.click('#pledge-submit');
    await page.locator('#pledge-success-title').waitFor();
    const { rows } = await sql.execute({ sql: 'SELECT source FROM pledges WHERE first_name = ?', args: [name] });
    expect(rows.map((row) => row.source)).toEqual(['partner-three']);
  });
});

describe('/walkaways', () => {
  it('adds a new country to the table and the map when the count refreshes after the scheduled job published it', async () => {
    context = await newVisitor(browser);
    const map = await context.newPage();
    await map.clock.install();
    await map.goto(`${site}/walkaways`);
    expect(await map.locator('tr[data-country="MT"]').count()).toBe(0);
    for (let i = 0; i < 5; i += 1) {
      await fetch(`${site}/api/pledge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.18.0.${i + 1}` },
        body: JSON.stringify({ email: freshEmail(), country: 'MT', idempotencyKey: crypto.randomUUID() }),
      });
    }
    // Countries are published by the scheduled job, never with each pledge.
    expect((await fetch(`${site}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`)).status).toBe(200);
    // Until the worker's copy of the tally (fresh for 10 s) has been read again since the job published.
    const published = async () => ((await (await fetch(`${site}/api/tally`)).json()) as { byCountry: Record<string, number> }).byCountry;
    await vi.waitFor(async () => expect(await published()).toHaveProperty('MT', 5), { timeout: 60_000, interval: 250 });
    await vi.waitFor(
      async () => {
        await map.clock.runFor(15_000);
        expect(await map.locator('tr[data-country="MT"]').textContent()).toMatch(/Malta\s*5/);
      },
      { timeout: 30_000, interval: 500 },
    );
    expect(await map.locator('path[data-country="MT"]').count()).toBeLessThanOrEqual(1);
  });
});

describe('the live tally', () => {
  it('goes up on the home page after a pledge in another tab', async () => {
    // Reduced motion paints the new number at once; the count-up itself is covered by unit tests.
    context = await newVisitor(browser, { reducedMotion: 'reduce' });
    const home = await context.newPage();
    await home.clock.install();
    await home.goto(site);
    const total = home.locator('[data-tally-total]');
    await total.waitFor();
    const before = Number((await total.textContent())!.replace(/\D/g, ''));

    const other = await context.newPage();
    await other.goto(`${site}/pledge`);
    await other.fill('#email', freshEmail());
    await other.click('#pledge-submit');
    await other.locator('#pledge-success-title').waitFor();

    // Each 15 s of the page's clock is one refresh: run the clock, then wait for that refresh's answer to be painted.
    // The browser may keep the old count for max-age (5 s of real time), so repeat until a refresh brings the new one.
    const shown = async () => Number((await total.textContent())!.replace(/\D/g, ''));
    await vi.waitFor(
      async () => {
        const answered = home.waitForResponse((response) => response.url().endsWith('/api/tally'));
        await home.clock.runFor(15_000);
        const { total: served } = (await (await answered).json()) as { total: number };
        await home.waitForFunction(
          (count) => Number(document.querySelector('[data-tally-total]')?.textContent?.replace(/\D/g, '')) === count,
          served,
        );
        expect(served).toBeGreaterThan(before);
      },
      { timeout: 20_000, interval: 500 },
    );
    expect(await shown()).toBeGreaterThan(before);
    expect(await home.locator('[data-tally-updated]').textContent()).toMatch(/^Updated/);
    expect(await home.locator('[data-tally]').getAttribute('aria-live')).toBeNull();
  });

  it("writes numbers in the page's language, the same before and after the script refreshes them", async () => {
    // A German browser on an English page: the server and the script both write 1,000, so nothing changes its look.
    context = await newVisitor(browser, { locale: 'de-DE' });
    const pageInGerman = await context.newPage();
    await pageInGerman.goto(`${site}/pledge`);
    const goal = pageInGerman.locator('[data-tally-goal]');
    expect(await goal.textContent()).toBe('1,000');
    await pageInGerman.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await pageInGerman.waitForResponse((response) => response.url().endsWith('/api/tally'));
    await pageInGerman.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await goal.textContent()).toBe('1,000');
  });
});
