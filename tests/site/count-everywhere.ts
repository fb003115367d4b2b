// The count beyond the home page, over HTTP against the built worker: /walkaways, the tally's public counts by
// country, the badge, the embeddable counter and share codes.
import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { SECURITY_HEADERS } from '../../src/lib/security/headers.ts';

const site = inject('previewUrl');
const sql = createClient({ url: inject('databaseUrl') });
afterAll(() => sql.close());

let visitor = 0;
async function pledge(fields: Record<string, string>) {
  visitor += 1;
  const response = await fetch(`${site}/api/pledge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `203.0.113.${visitor % 250}` },
    body: JSON.stringify({ email: `count-${randomUUID()}@example.org`, idempotencyKey: randomUUID(), ...fields }),
  });
  expect(response.status).toBe(200);
}

const byCountry = async () => ((await (await fetch(`${site}/api/tally`)).json()) as { byCountry: Record<string, unknown> }).byCountry;
const runScheduledJob = async () => expect((await fetch(`${site}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`)).status).toBe(200);

// Countries no other test pledges from: Switzerland over the threshold, Liechtenstein and Norway under it.
beforeAll(async () => {
  for (const country of ['CH', 'CH', 'CH', 'CH', 'CH', 'CH', 'LI', 'NO', 'NO']) await pledge({ country });
  await runScheduledJob();
  // Until the tally this location caches has been read again since the job published (FRESH_MS).
  await vi.waitFor(async () => expect(await byCountry()).toHaveProperty('CH'), { timeout: 60_000, interval: 250 });
});

const page = async (path: string) => (await fetch(`${site}${path}`)).text();

describe('GET /api/tally', () => {
  it('publishes only countries at or over the threshold, as the scheduled job last counted them: none under 5', async () => {
    const published = await byCountry();
    expect(published).toMatchObject({ CH: 6 });
    expect(published).not.toHaveProperty('LI');
    expect(published).not.toHaveProperty('NO');
    expect(Object.values(published).every((count) => typeof count === 'number' && count >= 5)).toBe(true);
  });

  it('does not move a country with the next pledge: only the next scheduled run does', async () => {
    await pledge({ country: 'CH' });
    const one = async (query: string) => (await sql.execute(query)).rows[0]?.[0];
    expect(await one("SELECT total FROM tally_by_country WHERE country = 'CH'")).toBe(7);
    expect(await one("SELECT total FROM published_countries WHERE country = 'CH'")).toBe(6);
    expect((await byCountry()).CH).toBe(6);
  });
});

describe('/walkaways', () => {
  it('lists the published countries, in words, with counts and shares, and leaves out every country under 5', async () => {
    const html = await page('/walkaways');
    const row = (code: string) => html.match(new RegExp(`<tr[^>]*data-country="${code}"[^>]*>([\\s\\S]*?)</tr>`))?.[1]?.replace(/<[^>]+>/g, '|');
    expect(row('CH')).toMatch(/Switzerland\|+6\|+[\d.]+%/);
    expect(row('LI')).toBeUndefined();
    expect(row('NO')).toBeUndefined();
    expect(html).not.toContain('>fewer than 5<');
    expect(html).toMatch(/<th scope="col" aria-sort="descending"[^>]*>\s*<a href="\?sort=count#by-country"/);
  });

  it('sorts by name through a link that works without JavaScript', async () => {
    const html = await page('/walkaways?sort=name');
    const names = [...html.matchAll(/<tr[^>]*data-country="[A-Z]{2}"[^>]*>\s*<th scope="row"[^>]*>([^<]+)</g)].map((match) => match[1]!);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(html).toMatch(/<th scope="col" aria-sort="ascending"[^>]*>\s*<a href="\?sort=name#by-country"/);
  });

  it('shades each country on the map by its band, drawn at build time, decorative to screen readers', async () => {
    const html = await page('/walkaways');
    const fill = (code: string) => html.match(new RegExp(`<path d="M[^"]+" fill="(#[0-9a-f]{6})"[^>]*data-country="${code}"`))?.[1];
    expect(fill('CH')).toBe('#e7a3b5');
    expect(fill('NO')).toBe('#e4ddd5');
    expect(fill('AU')).toBe('#e4ddd5');
    expect(html).toMatch(/<figure aria-hidden="true"[^>]*>\s*<svg viewBox="0 0 960 470"/);
  });

  it('is linked from the tally on the home and pledge pages', async () => {
    expect(await page('/pledge')).toContain('href="/walkaways"');
    const home = await (await fetch(`${site}/`)).text();
    expect(home).toContain('href="/walkaways"');
  });
});

describe('GET /badge.svg', () => {
  it('is an SVG image "walkaways | N" any site may show, cached like the tally, running nothing', async () => {
    const response = await fetch(`${site}/badge.svg?theme=dark&label=%3Cscript%3E`);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/svg+xml; charset=utf-8',
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'public, max-age=5, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400',
      'content-security-policy': expect.stringMatching(/^default-src 'none'/),
    });
    const svg = await response.text();
    const { total } = (await (await fetch(`${site}/api/tally`)).json()) as { total: number };
    expect(svg).toMatch(new RegExp(`<title>walkaways: ${total.toLocaleString('en')}</title>`));
    expect(svg).not.toMatch(/script/i);
  });
});

describe('/embed/counter', () => {
  it('may be framed by any site, unlike every other page, and carries the partner code to the pledge', async () => {
    const response = await fetch(`${site}/embed/counter?ref=partner-one`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(response.headers.get('content-security-policy')).not.toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
    const html = await response.text();
    expect(html).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/pledge\?ref=partner-one" target="_blank" rel="noopener"/);
    expect(html).toMatch(/data-tally-total>\s*[\d,]+\s*</);
    expect(html).not.toMatch(/<form|turnstile/i);
    for (const path of ['/pledge', '/walkaways', '/partners']) {
      const other = await fetch(`${site}${path}`);
      expect(other.headers.get('x-frame-options'), path).toBe(SECURITY_HEADERS['x-frame-options']);
    }
  });

  it('falls back to the code "embed" when the partner gives none or a malformed one', async () => {
    expect(await page('/embed/counter?ref=NOT%20OK')).toMatch(/\/pledge\?ref=embed"/);
  });
});

describe('share codes', () => {
  it('go from a ?ref= address into the pledge form, and from the form into the database', async () => {
    expect(await page('/pledge?ref=partner-two')).toMatch(/<input type="hidden" name="ref" value="partner-two">/);
    expect(await page('/pledge?ref=Bad%20Code')).not.toContain('name="ref"');
    const email = `ref-${randomUUID()}@example.org`;
    const response = await fetch(`${site}/api/pledge`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'cf-connecting-ip': '203.0.113.251' },
      body: new URLSearchParams({ email, firstName: 'Refd', idempotencyKey: randomUUID(), ref: 'partner-two' }).toString(),
    });
    expect(response.status).toBe(303);
    const { rows } = await sql.execute({ sql: "SELECT source FROM pledges WHERE first_name = 'Refd'", args: [] });
    expect(rows.map((row) => row.source)).toEqual(['partner-two']);
  });

  it("are on the thanks page's share links, one per channel", async () => {
    const html = await page('/pledge/thanks');
    for (const channel of ['x', 'whatsapp', 'bluesky', 'telegram', 'email', 'copy', 'native']) {
      expect(decodeURIComponent(html.replaceAll('&amp;', '&'))).toContain(`?ref=share-${channel}`);
    }
  });
});
