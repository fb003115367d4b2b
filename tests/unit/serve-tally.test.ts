import { describe, expect, it, vi } from 'vitest';
import type { TallySnapshot } from '../../src/lib/tally/read-tally';
import { type EdgeCache, FRESH_MS, forgetTally, serveTally } from '../../src/lib/tally/serve-tally';

/** An in-memory stand-in for caches.default that keeps whatever is put. */
function memoryCache(): EdgeCache {
  const entries = new Map<string, Response>();
  return {
    match: async (request) => entries.get(request.url)?.clone(),
    put: async (request, response) => void entries.set(request.url, response.clone()),
    delete: async (request) => entries.delete(request.url),
  };
}

function setup(initial: Partial<TallySnapshot> = {}) {
  let clock = 1_000_000;
  const snapshot: TallySnapshot = { total: 42, updatedAt: '2026-11-29T10:00:00.000Z', byCountry: { GB: 2 }, ...initial };
  const readTally = vi.fn(async () => ({ ...snapshot }));
  const deps = { readTally, cache: memoryCache(), milestones: [1_000, 2_500], now: () => clock, logError: vi.fn() };
  return {
    deps,
    snapshot,
    readTally,
    advance: (ms: number) => (clock += ms),
    get: (headers: Record<string, string> = {}) => serveTally(new Request('http://walkaway.test/api/tally', { headers }), deps),
  };
}

describe('GET /api/tally', () => {
  it('answers the total, goal, update time and counts by country, publicly cacheable', async () => {
    const { get } = setup();
    const response = await get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      total: 42,
      goal: 1_000,
      updatedAt: '2026-11-29T10:00:00.000Z',
      byCountry: { GB: 2 },
    });
    expect(response.headers.get('cache-control')).toBe(
      'public, max-age=5, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400',
    );
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
  });

  it('reads the database once per 10 seconds, however many requests follow', async () => {
    const { get, readTally, advance } = setup();
    for (let request = 0; request < 50; request += 1) await get();
    advance(FRESH_MS - 1);
    await get();
    expect(readTally).toHaveBeenCalledTimes(1);
    advance(1);
    await get();
    expect(readTally).toHaveBeenCalledTimes(2);
  });

  it('answers 304 to a matching If-None-Match, and 200 once the count has changed', async () => {
    const { get, snapshot, advance } = setup();
    const etag = (await get()).headers.get('etag')!;
    const unchanged = await get({ 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    snapshot.total = 43;
    snapshot.updatedAt = '2026-11-29T10:00:05.000Z';
    advance(FRESH_MS);
    const changed = await get({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect((await changed.json()).total).toBe(43);
  });

  it('serves the last known count, marked stale, when the database fails', async () => {
    const { get, readTally, advance, deps } = setup();
    await get();
    readTally.mockRejectedValue(new Error('connection refused'));
    advance(60 * 60 * 1000);
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-tally-stale')).toBe('1');
    expect((await response.json()).total).toBe(42);
    expect(deps.logError).toHaveBeenCalled();
  });

  it('answers 503 with Retry-After when the database fails and nothing is cached', async () => {
    const { get, readTally } = setup();
    readTally.mockRejectedValue(new Error('connection refused'));
    const response = await get();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(JSON.stringify(await response.json())).not.toContain('connection refused');
  });

  it('reads again straight after a pledge clears the edge copy', async () => {
    const { get, readTally, deps } = setup();
    await get();
    await forgetTally('http://walkaway.test/pledge', deps.cache);
    await get();
    expect(readTally).toHaveBeenCalledTimes(2);
  });
});
