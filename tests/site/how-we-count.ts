// A count people can trust, over HTTP against the built worker: milestones in the public tally, recorded once; the
// integrity counters moved by each kind of request and shown to organisers; /how-we-count and GET /api/integrity; the
// accessibility statement, and the link to it from every page.
import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { FIXTURE_CONTENT, runNode } from '../support/astro-cli.ts';
import { builtSite } from '../support/built-site.ts';

const site = inject('previewUrl');
const databaseUrl = inject('databaseUrl');
const sql = createClient({ url: databaseUrl });
afterAll(() => sql.close());
const built = builtSite(inject('builtSiteDir'));

const walkaway = (args: string[]) => runNode(['scripts/walkaway.ts', ...args], { env: { TURSO_DATABASE_URL: databaseUrl, WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } });
const tally = async () =>
  (await (await fetch(`${site}/api/tally`)).json()) as { total: number; offline: number; milestones: Array<{ value: number; reachedAt: string | null }>; nextMilestone: number };

function post(fields: Record<string, unknown>, address: string) {
  return fetch(`${site}/api/pledge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': address },
    body: JSON.stringify({ idempotencyKey: randomUUID(), ...fields }),
  });
}

describe('milestones', () => {
  it('are in the public tally from the content, the first one reached recorded once and unchanged by a recount', async () => {
    const before = await tally();
    expect(before.milestones.map(({ value }) => value)).toEqual([1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000]);
    expect(before.nextMilestone).toBe(1_000);
    const dayBefore = new Date().toISOString().slice(0, 10);
    const added = await walkaway(['offline', 'add', '--partner', 'quiet-group', '--count', String(1_000 - before.total), '--date', '2026-12-01', '--by', 'Ana']);
    expect(added.code, added.output).toBe(0);
    const id = /^Added batch (\d+)/m.exec(added.output)![1]!;
    try {
      await vi.waitFor(async () => expect((await tally()).milestones[0]!.reachedAt).not.toBeNull(), { timeout: 30_000, interval: 500 });
      const reached = (await tally()).milestones[0]!;
      expect([dayBefore, new Date().toISOString().slice(0, 10)]).toContain(reached.reachedAt);
      expect((await tally()).nextMilestone).toBe(2_500);
      expect((await walkaway(['recount'])).code).toBe(0);
      expect((await tally()).milestones[0]).toEqual(reached);
    } finally {
      expect((await walkaway(['offline', 'remove', id, '--by', 'Ana'])).code).toBe(0);
      await vi.waitFor(async () => expect((await tally()).offline).toBe(0), { timeout: 30_000, interval: 500 });
    }
    // Kept when the count falls back under it.
    expect((await tally()).milestones[0]!.reachedAt).not.toBeNull();
  });
});

describe('the integrity counters', () => {
  it('count repeats, invalid pledges and a rate-limited burst, for the organisers in stats --json', async () => {
    const stats = async () =>
      JSON.parse((await walkaway(['stats', '--json'])).output).integrity as { received: number; repeats: number; invalid: number; rateLimited: number };
    const start = await stats();
    const address = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const email = `repeat-${randomUUID()}@example.org`;
    await post({ email }, '198.18.1.1');
    await post({ email: email.toUpperCase() }, '198.18.1.2');
    await post({ email: 'not-an-email' }, '198.18.1.3');
    // One connection sending more than the limit (10 a minute) in a burst.
    const burst = await Promise.all(Array.from({ length: 14 }, () => post({ email: `burst-${randomUUID()}@example.org` }, address)));
    const limited = burst.filter((response) => response.status === 429).length;
    expect(limited).toBeGreaterThan(0);
    await vi.waitFor(
      async () => {
        const now = await stats();
        expect(now.repeats - start.repeats).toBe(1);
        expect(now.invalid - start.invalid).toBe(1);
        expect(now.rateLimited - start.rateLimited).toBe(limited);
        expect(now.received - start.received).toBe(2 + 14 - limited);
      },
      { timeout: 30_000, interval: 1_000 },
    );
  });
});

describe('/how-we-count and GET /api/integrity', () => {
  it('answers JSON open to other sites, with completed days only and no repeats', async () => {
    // The last day published is the last one over for an hour: yesterday, or the day before in the first hour of a UTC day.
    const lastPublished = () => new Date(Date.now() - 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const publishedBefore = lastPublished();
    const response = await fetch(`${site}/api/integrity`, { headers: { origin: 'https://elsewhere.example' } });
    const publishedAfter = lastPublished();
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toContain('s-maxage=10');
    const body = (await response.json()) as { days: Array<Record<string, unknown>>; lastRecount: unknown };
    expect(body.days).toHaveLength(30);
    expect([publishedBefore, publishedAfter]).toContain(body.days.at(-1)!.day);
    expect(JSON.stringify(body)).not.toContain('repeats');
    expect((await fetch(`${site}/api/integrity`, { method: 'POST' })).status).toBe(405);
  });

  it.each(['en', 'es'] as const)('explains the count in %s, with the figures in a chart and a table, linked from the counter', async (lang) => {
    const t = dictionary(lang);
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const html = await (await fetch(`${site}${prefix}/how-we-count`)).text();
    expect(html).toContain(`<html lang="${lang}"`);
    for (const { heading } of t.howWeCount.sections) expect(html).toContain(heading);
    expect(html).toMatch(/<svg[^>]+role="img"/);
    expect(html).toContain('data-integrity-table');
    const pledge = await (await fetch(`${site}${prefix}/pledge`)).text();
    expect(pledge).toContain(`href="${prefix}/how-we-count"`);
  });
});

describe('the accessibility statement', () => {
  it.each(['en', 'es'] as const)('is published in %s with the date it was last reviewed, from the content', async (lang) => {
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const response = await fetch(`${site}${prefix}/accessibility`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(dictionary(lang).accessibility.heading);
    expect(html).toContain('WCAG');
    expect(html).toMatch(/data-last-reviewed="\d{4}-\d\d-\d\d"/);
  });

  it('is linked from every built page, prerendered and on demand', async () => {
    const missing = built.routes().filter((route) => !/href="(\/es)?\/accessibility"/.test(built.page(route)));
    expect(missing).toEqual([]);
    for (const path of ['/pledge', '/es/pledge', '/walkaways', '/how-we-count', '/embed/counter', '/embed/pledge?partner=local-partner', '/no-such-page']) {
      expect(await (await fetch(`${site}${path}`)).text(), path).toMatch(/href="(\/es)?\/accessibility"/);
    }
  });
});
