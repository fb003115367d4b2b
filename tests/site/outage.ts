// The built worker (astro preview) while its database is stopped or slow: pledges go to the queue and are counted
// once it is back, the tally keeps serving, the scheduled recount repairs drift, and tally reads stay rare.
import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { SECURITY_HEADERS } from '../../src/lib/security/headers.ts';
import { FRESH_MS } from '../../src/lib/tally/tally-cache.ts';

const site = inject('previewUrl');
const control = inject('databaseControlUrl');
const sql = createClient({ url: inject('databaseUrl') });
afterAll(() => sql.close());

const one = async (query: string) => Number((await sql.execute(query)).rows[0]?.[0]);
const rowCount = () => one("SELECT count(*) FROM pledges WHERE status = 'confirmed'");
const tallyRow = () => one('SELECT total FROM tally WHERE id = 1');
const rowsNamed = async (name: string) =>
  Number((await sql.execute({ sql: 'SELECT count(*) FROM pledges WHERE first_name = ?', args: [name] })).rows[0]?.[0]);
const tallyReads = async () => Number(await (await fetch(`${control}/tally-reads`)).text());

let visitor = 0;
/** A pledge from a visitor of its own (the rate limit counts per address), with its status and JSON answer. */
async function pledge(email: string, firstName?: string) {
  visitor += 1;
  const response = await fetch(`${site}/api/pledge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `192.0.2.${visitor % 250}` },
    body: JSON.stringify({ email, firstName, country: 'NL', idempotencyKey: randomUUID() }),
  });
  return { status: response.status, body: (await response.json()) as { ok?: boolean; queued?: boolean } };
}

/** Runs `work` over `items`, `width` at a time. */
async function inWaves<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) results.push(...(await Promise.all(items.slice(start, start + width).map(work))));
  return results;
}

describe('while the database is stopped', () => {
  it('answers 200 distinct and 50 repeated pledges with success, and counts the 200 exactly once when it is back', async () => {
    const before = await rowCount();
    const run = randomUUID().slice(0, 8);
    const people = Array.from({ length: 200 }, (_, i) => `outage-${run}-${i}@example.org`);
    const repeats = people.slice(0, 50).map((email) => email.toUpperCase());
    // A visitor saw the count before the outage, so this location has a copy to keep serving.
    expect((await fetch(`${site}/api/tally`)).status).toBe(200);
    await fetch(`${control}/stop`);
    let answers;
    try {
      answers = await inWaves([...people, ...repeats], 25, pledge);
      const tally = await fetch(`${site}/api/tally`);
      expect(tally.status).toBe(200);
    } finally {
      await fetch(`${control}/start`);
    }
    expect(answers.filter(({ status, body }) => status === 200 && body.ok && body.queued)).toHaveLength(250);
    await vi.waitFor(async () => expect(await rowCount()).toBe(before + 200), { timeout: 60_000, interval: 500 });
    expect(await tallyRow()).toBe(await rowCount());
  });
});

describe('while the database is slow', () => {
  it('queues the pledge instead of keeping the person waiting, and counts it once', async () => {
    const name = `Slow${Date.now()}`;
    await fetch(`${control}/stall?ms=5000`);
    const answer = await pledge(`slow-${randomUUID()}@example.org`, name);
    expect(answer).toEqual({ status: 200, body: { ok: true, queued: true } });
    await vi.waitFor(async () => expect(await rowsNamed(name)).toBe(1), { timeout: 30_000, interval: 250 });
    await vi.waitFor(async () => expect(await tallyRow()).toBe(await rowCount()), { timeout: 10_000, interval: 250 });
  });
});

describe('the scheduled recount', () => {
  it('repairs a corrupted tally when Cloudflare runs the cron trigger', async () => {
    await sql.batch(
      ['UPDATE tally SET total = total + 17', "INSERT INTO tally_by_country (country, total) VALUES ('ZZ', 4) ON CONFLICT DO UPDATE SET total = 4"],
      'write',
    );
    const response = await fetch(`${site}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`);
    expect(response.status).toBe(200);
    await vi.waitFor(async () => expect(await tallyRow()).toBe(await rowCount()), { timeout: 10_000, interval: 100 });
    expect(await one("SELECT coalesce(sum(total), 0) FROM tally_by_country WHERE country = 'ZZ'")).toBe(0);
    const countries = await sql.execute(
      "SELECT t.country FROM tally_by_country t WHERE t.total != (SELECT count(*) FROM pledges p WHERE p.country = t.country AND p.status = 'confirmed')",
    );
    expect(countries.rows).toEqual([]);
  });
});

describe('the retention period', () => {
  it('lets the scheduled job remove first names older than PLEDGE_RETENTION_DAYS, keeping the pledges', async () => {
    const [old, recent] = [`Old${Date.now()}`, `Recent${Date.now()}`];
    await pledge(`retention-old-${randomUUID()}@example.org`, old);
    await pledge(`retention-new-${randomUUID()}@example.org`, recent);
    await sql.execute({ sql: 'UPDATE pledges SET created_at = ? WHERE first_name = ?', args: [Date.now() - 731 * 86_400_000, old] });
    const rows = await rowCount();
    expect((await fetch(`${site}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`)).status).toBe(200);
    await vi.waitFor(async () => expect(await rowsNamed(old)).toBe(0), { timeout: 10_000, interval: 100 });
    expect(await rowsNamed(recent)).toBe(1);
    expect(await rowCount()).toBe(rows);
  });

  it('is the period /privacy states', async () => {
    expect(await (await fetch(`${site}/privacy`)).text()).toContain('Your first name is removed 730 days (2 years) after you pledge.');
  });
});

describe('the tally under load', () => {
  it('is read from the database at most once per freshness period during a burst of pledges and tally requests', async () => {
    const readsBefore = await tallyReads();
    const started = Date.now();
    const run = randomUUID().slice(0, 8);
    await Promise.all([
      inWaves(Array.from({ length: 60 }, (_, i) => `burst-${run}-${i}@example.org`), 10, pledge),
      inWaves(Array.from({ length: 600 }), 50, () => fetch(`${site}/api/tally`).then((response) => response.arrayBuffer())),
    ]);
    const periods = Math.ceil((Date.now() - started) / FRESH_MS);
    expect(await tallyReads() - readsBefore).toBeLessThanOrEqual(periods);
  });

  it('answers GET and HEAD from the worker entry with the same headers, and other methods with 405', async () => {
    const [get, head] = await Promise.all([fetch(`${site}/api/tally`), fetch(`${site}/api/tally`, { method: 'HEAD' })]);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const name of [...Object.keys(SECURITY_HEADERS), 'cache-control', 'etag', 'access-control-allow-origin', 'content-type']) {
      expect(head.headers.get(name), name).toBe(get.headers.get(name));
      expect(get.headers.get(name), name).toBeTruthy();
    }
    const post = await fetch(`${site}/api/tally`, { method: 'POST', headers: { origin: site } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
