// The integrity counters on a fake platform: what each kind of request adds, that counting writes to the database at
// most once per flush however many requests it counts, and what the public may see of them.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openPlatformDatabase } from '../../src/lib/db/database-work.ts';
import { integrityChart } from '../../src/lib/integrity/integrity-chart.ts';
import { addIntegrityCounts, INTEGRITY_KINDS } from '../../src/lib/integrity/integrity-counts.ts';
import { integrityService, type PublicDay } from '../../src/lib/integrity/integrity-service.ts';
import { pledgeService } from '../../src/lib/pledge/pledge-service.ts';
import { HONEYPOT_FIELD } from '../../src/lib/forms/handle-form-post.ts';
import { TOKEN_FIELD } from '../../src/lib/security/turnstile.ts';
import { recountTally } from '../../src/lib/tally/recount-tally.ts';
import { countingLimiter, type FakePlatform, fakePlatform, type FakePlatformOptions } from '../support/fake-platform.ts';
import { formPost } from '../support/form-post.ts';

const SITE = new URL('https://walkaway.test/pledge');
const TODAY = Date.parse('2026-12-02T15:00:00Z');
const platforms: FakePlatform[] = [];
afterEach(() => {
  for (const each of platforms.splice(0)) each.dispose();
});

async function given(options: FakePlatformOptions = {}) {
  const platform = await fakePlatform(options);
  platform.setTime(TODAY);
  platforms.push(platform);
  return platform;
}

const pledge = (platform: FakePlatform, fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  pledgeService(platform).take(formPost('/api/pledge', { email: `p-${randomUUID()}@example.org`, ...fields }, { headers }), SITE);

/** The counts stored for a day, by kind (only kinds with a row). */
async function stored(platform: FakePlatform, day = '2026-12-02') {
  const rows = await platform.sql.execute({ sql: 'SELECT kind, count FROM integrity_daily WHERE day = ?', args: [day] });
  return Object.fromEntries(rows.rows.map((row) => [row[0], Number(row[1])]));
}

describe('counting', () => {
  it('counts each kind of pledge: received, repeats, refused (invalid, Turnstile, rate limit) and queued', async () => {
    const fetch: typeof globalThis.fetch = async (_url, init) =>
      Response.json(JSON.parse(String(init?.body)).response === 'good' ? { success: true, hostname: 'walkaway.test', action: 'pledge' } : { success: false });
    const platform = await given({
      secrets: { turnstileSiteKey: 'site-key', turnstileSecretKey: 'secret-key' },
      fetch,
      rateLimiters: { pledge: countingLimiter(4), story: undefined },
    });
    const good = { [TOKEN_FIELD]: 'good' };
    await pledge(platform, { ...good, email: 'same@example.org' });
    await pledge(platform, { ...good, email: 'Same@Example.org' });
    await pledge(platform, { ...good, email: 'not-an-email' });
    await pledge(platform, { [TOKEN_FIELD]: 'forged' });
    await pledge(platform, good);
    await pledge(platform, good);
    await pledge(platform, good);
    platform.setDatabase('down');
    await pledge(platform, good, { 'cf-connecting-ip': '203.0.113.50' });
    platform.setDatabase('up');
    await platform.settle();
    expect(await stored(platform)).toEqual({ received: 5, repeats: 1, invalid: 1, humanCheck: 1, rateLimited: 1, queued: 1 });
  });

  it('recognises a repeat and a queued pledge with confirmation by email too, answering them exactly as a new pledge', async () => {
    const platform = await given({ mail: { confirmation: 'email' } });
    const first = await pledge(platform, { email: 'twice@example.org' });
    const again = await pledge(platform, { email: 'TWICE@example.org' });
    platform.setDatabase('down');
    const queued = await pledge(platform);
    expect([again, queued]).toEqual([first, first]);
    platform.setDatabase('up');
    await platform.settle();
    expect(await stored(platform)).toEqual({ received: 3, repeats: 1, queued: 1 });
  });

  it('counts a send with the trap field filled in as refused, though it is answered as received', async () => {
    const platform = await given();
    expect(await pledge(platform, { [HONEYPOT_FIELD]: 'https://spam.example' })).toMatchObject({ kind: 'recorded' });
    await platform.settle();
    expect(await stored(platform)).toEqual({ invalid: 1 });
  });

  it('gathers nothing where no database is configured, and plans a write again once one was cut off', async () => {
    const without = await given({ withoutDatabase: true });
    await pledge(without, { email: 'not-an-email' });
    expect(without.memory.integrity.counts.size).toBe(0);
    const platform = await given();
    await pledge(platform, { email: 'not-an-email' });
    // The planned write never came (its request was cut off): a later count plans a new one.
    platform.memory.integrity.plannedAt = TODAY - 60_000;
    await pledge(platform, { email: 'not-an-email' });
    await platform.settle();
    expect(await stored(platform)).toEqual({ invalid: 2 });
  });

  it('writes once for a flood of requests: counted in memory, added in one batch when the flush comes', async () => {
    const platform = await given();
    const calls = platform.databaseCalls();
    for (let n = 0; n < 200; n += 1) await pledge(platform, { email: 'not-an-email' });
    expect(platform.databaseCalls()).toBe(calls);
    await platform.settle();
    expect(platform.databaseCalls()).toBe(calls + 1);
    expect(await stored(platform)).toEqual({ invalid: 200 });
  });

  it('keeps what it could not write for the next write, and says so in the log without a figure', async () => {
    const platform = await given();
    await pledge(platform, { email: 'not-an-email' });
    platform.setDatabase('down');
    await platform.settle();
    expect(platform.lines.some((line) => line.includes('integrity counts not written'))).toBe(true);
    platform.setDatabase('up');
    await pledge(platform, { email: 'not-an-email' });
    await platform.settle();
    expect(await stored(platform)).toEqual({ invalid: 2 });
  });

  it('drops what it could not write once its day is published, so that a published day never changes', async () => {
    const platform = await given();
    for (let n = 0; n < 6; n += 1) await pledge(platform, { email: 'not-an-email' });
    platform.setDatabase('down');
    await platform.settle();
    platform.setDatabase('up');
    // The next count arrives two days later, when 2 December has been published without them.
    platform.setTime(TODAY + 2 * 86_400_000);
    await pledge(platform, { email: 'not-an-email' });
    await platform.settle();
    expect(await stored(platform)).toEqual({});
    expect(await stored(platform, '2026-12-04')).toEqual({ invalid: 1 });
  });
});

describe('the public figures', () => {
  const figures = async (platform: FakePlatform) => integrityService(platform).published();

  it('show days completed over an hour ago only, never a figure under 5 (not even 0), and never repeats', async () => {
    const platform = await given();
    const db = openPlatformDatabase(platform);
    await addIntegrityCounts(db, new Map([
      ['2026-12-01', { received: 12, repeats: 7, invalid: 3, confirmed: 5, withdrawn: 0 }],
      ['2026-12-02', { received: 40 }],
      ['2026-10-01', { received: 99 }],
    ]));
    const { days } = await figures(platform);
    expect(days).toHaveLength(30);
    // Under 5 is hidden, none included: a day with one pledge looks like a day with none.
    expect(days.at(-1)).toEqual({ day: '2026-12-01', received: 12, invalid: null, humanCheck: null, rateLimited: null, queued: null, confirmed: 5, withdrawn: null });
    expect(days[0]!.day).toBe('2026-11-02');
    expect(JSON.stringify(days)).not.toContain('repeats');
    expect(days.some(({ day }) => day === '2026-12-02')).toBe(false);
    // Just after midnight, yesterday's last counts may still be on their way: it is not published yet.
    const justAfterMidnight = await given();
    justAfterMidnight.setTime(Date.parse('2026-12-03T00:30:00Z'));
    expect((await figures(justAfterMidnight)).days.at(-1)!.day).toBe('2026-12-01');
  });

  it('say when the recount last ran, to the minute, and what it repaired', async () => {
    const platform = await given();
    await platform.sql.execute('UPDATE tally SET total = 3');
    await recountTally(openPlatformDatabase(platform), () => new Date('2026-12-02T14:15:37.456Z'));
    // A repair under 5 is hidden too; none is said as none.
    expect((await figures(platform)).lastRecount).toEqual({ at: '2026-12-02T14:15:00.000Z', repaired: null });
    await platform.sql.execute('UPDATE tally SET total = 10');
    await recountTally(openPlatformDatabase(platform), () => new Date('2026-12-02T14:30:00Z'));
    platform.setTime(TODAY + 700_000);
    expect((await figures(platform)).lastRecount).toEqual({ at: '2026-12-02T14:30:00.000Z', repaired: -10 });
  });

  it('are answered by GET /api/integrity as JSON, open to other sites, cached as the tally is', async () => {
    const platform = await given();
    const response = await integrityService(platform).answer();
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=5, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400');
    expect(await response.json()).toMatchObject({ days: expect.any(Array), lastRecount: null });
    platform.setDatabase('down');
    platform.setTime(TODAY + 86_400_000);
    const down = await integrityService(platform).answer();
    expect([down.status, down.headers.get('access-control-allow-origin')]).toEqual([503, '*']);
    expect(await down.text()).not.toMatch(/Error|at /);
  });

  it('are drawn as bars, hidden figures drawing none', () => {
    const day = (received: number | null, confirmed: number | null): PublicDay =>
      ({ day: '2026-12-01', received, confirmed, invalid: 0, humanCheck: 0, rateLimited: 0, queued: 0, withdrawn: 0 }) as PublicDay;
    const { bars, max } = integrityChart([day(10, 5), day(null, null), day(20, 0)], { width: 300, height: 100 });
    expect(max).toBe(20);
    expect(bars.map((bar) => [bar.received?.height ?? null, bar.confirmed?.height ?? null])).toEqual([[50, 25], [null, null], [100, null]]);
    expect(INTEGRITY_KINDS).toContain('repeats');
  });
});
