// The tally service on a fake platform: the public count, what it may say, and GET /api/tally.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SMALL_COUNTRY_THRESHOLD } from '../../src/config.ts';
import { openPlatformDatabase } from '../../src/lib/db/database-work.ts';
import { publishCountryCounts } from '../../src/lib/tally/read-tally.ts';
import { FRESH_MS } from '../../src/lib/tally/tally-cache.ts';
import { tallyService } from '../../src/lib/tally/tally-service.ts';
import { addPledges, type FakePlatform, fakePlatform, untilDatabaseCalled } from '../support/fake-platform.ts';

const SITE = new URL('https://walkaway.test/');
let platform: FakePlatform;

beforeEach(async () => {
  platform = await fakePlatform();
});
afterEach(() => {
  vi.useRealTimers();
  platform.dispose();
});

const get = (headers: Record<string, string> = {}, method = 'GET') =>
  tallyService(platform).answer(new Request(new URL('/api/tally', SITE), { method, headers }));

describe('the public tally', () => {
  it('publishes only the countries the scheduled job published, each at or over the threshold, and has the next goal', async () => {
    await addPledges(platform, ['GB', 'GB', 'GB', 'GB', 'GB', 'IS', null]);
    expect((await tallyService(platform).current(SITE))?.byCountry).toEqual({});
    await publishCountryCounts(openPlatformDatabase(platform), SMALL_COUNTRY_THRESHOLD);
    platform.setTime(platform.clock.now().getTime() + FRESH_MS);
    expect(await tallyService(platform).current(SITE)).toEqual({
      total: 7,
      online: 7,
      offline: 0,
      goal: 1_000,
      nextMilestone: 1_000,
      milestones: expect.arrayContaining([{ value: 1_000, reachedAt: null }]),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/),
      byCountry: { GB: 5 },
    });
  });

  it('says when it last changed to the minute, never to the millisecond of a pledge', async () => {
    await addPledges(platform, ['GB']);
    await platform.sql.execute({ sql: 'UPDATE tally SET updated_at = ?', args: [Date.parse('2026-12-02T10:41:37.123Z')] });
    expect((await tallyService(platform).current(SITE))?.updatedAt).toBe('2026-12-02T10:41:00.000Z');
  });

  it('leaves out a country under the threshold even from a snapshot that holds it', async () => {
    await tallyService(platform).remember(SITE, { total: 9, updatedAt: platform.clock.now().toISOString(), byCountry: { FR: 1, GB: 4, DE: 5 } });
    expect((await tallyService(platform).current(SITE))?.byCountry).toEqual({ DE: 5 });
  });

  it('costs one database read per period, and none for the pledge that reported its own count', async () => {
    const tally = tallyService(platform);
    await tally.current(SITE);
    const reads = platform.databaseCalls();
    for (let request = 0; request < 20; request += 1) await tally.current(SITE);
    await tally.remember(SITE, { total: 1, updatedAt: platform.clock.now().toISOString(), byCountry: {} });
    expect(await tally.current(SITE)).toMatchObject({ total: 1 });
    expect(platform.databaseCalls()).toBe(reads);
  });

  it('is unavailable, never a made-up zero, while the database is down and nothing is known', async () => {
    platform.setDatabase('down');
    expect(await tallyService(platform).current(SITE)).toBeUndefined();
    expect(await tallyService(platform).lastKnown(SITE)).toBeUndefined();
  });

  it('gives up on a database that does not answer after DATABASE_TIMEOUT_MS', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    platform.settings.DATABASE_TIMEOUT_MS = 1_000;
    platform.setDatabase('stalled');
    let answered: unknown = 'waiting';
    const current = tallyService(platform).current(SITE).then((tally) => (answered = tally));
    await untilDatabaseCalled(platform);
    await vi.advanceTimersByTimeAsync(999);
    expect(answered).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1);
    await current;
    expect(answered).toBeUndefined();
    expect(platform.lines.join('\n')).toContain('TimeoutError: the tally read took longer than 1000 ms');
  });

  it('is unavailable, and said loudly once, without a database configured', async () => {
    const unconfigured = await fakePlatform({ withoutDatabase: true });
    try {
      expect(await tallyService(unconfigured).current(SITE)).toBeUndefined();
      expect(unconfigured.lines.filter((line) => line.includes('TURSO_DATABASE_URL is not set'))).toHaveLength(1);
    } finally {
      unconfigured.dispose();
    }
  });
});

describe('GET /api/tally', () => {
  it('answers the public tally, publicly cacheable and open to other sites, with the headers of every response', async () => {
    await addPledges(platform, ['GB', 'LI', 'LI', 'LI', 'LI', 'LI']);
    await publishCountryCounts(openPlatformDatabase(platform), SMALL_COUNTRY_THRESHOLD);
    const response = await get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      total: 6,
      online: 6,
      offline: 0,
      goal: 1_000,
      nextMilestone: 1_000,
      milestones: expect.arrayContaining([{ value: 1_000, reachedAt: null }]),
      updatedAt: expect.any(String),
      byCountry: { LI: 5 },
    });
    expect(response.headers.get('cache-control')).toBe('public, max-age=5, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
  });

  it('answers 304 to a matching If-None-Match and an empty body to HEAD', async () => {
    const etag = (await get()).headers.get('etag')!;
    const unchanged = await get({ 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    const head = await get({}, 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('answers 503 with Retry-After and no internals when the count is unavailable', async () => {
    platform.setDatabase('down');
    const response = await get();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(JSON.stringify(await response.json())).not.toContain('fetch failed');
  });

  it('answers any other method with 405, naming GET and HEAD', async () => {
    const response = await get({}, 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('is the only address the worker entry answers before Astro', () => {
    const serves = (path: string) => tallyService(platform).serves(new Request(new URL(path, SITE)));
    expect([serves('/api/tally'), serves('/api/tally?x=1'), serves('/api/tallyx'), serves('/api/pledge')]).toEqual([true, true, false, false]);
  });
});
