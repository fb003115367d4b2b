import { describe, expect, it, vi } from 'vitest';
import type { TallySnapshot } from '../../src/lib/tally/read-tally';
import {
  createTallyMemory,
  type EdgeCache,
  FRESH_MS,
  lastKnownTally,
  loadTally,
  rememberTally,
  serveTally,
  type ServeTallyDeps,
  type TallyBody,
} from '../../src/lib/tally/serve-tally';

const SITE = 'http://walkaway.test';
const bodyOf = async (response: Response) => (await response.json()) as TallyBody;
const totalOf = async (response: Response) => (await bodyOf(response)).total;

/** An in-memory stand-in for caches.default that keeps whatever is put, shared by every isolate of a location. */
function edgeCache(): EdgeCache {
  const entries = new Map<string, Response>();
  return {
    match: async (request) => entries.get(request.url)?.clone(),
    put: async (request, response) => void entries.set(request.url, response.clone()),
  };
}

function setup(initial: Partial<TallySnapshot> = {}) {
  let clock = 1_000_000;
  const snapshot: TallySnapshot = { total: 42, updatedAt: '2026-11-29T10:00:00.000Z', byCountry: { GB: 7 }, ...initial };
  const readTally = vi.fn(async () => ({ ...snapshot }));
  const cache = edgeCache();
  /** Another isolate in the same location: its own memory, the same edge cache and database. */
  const isolate = (): ServeTallyDeps => ({
    readTally,
    memory: createTallyMemory(),
    cache,
    milestones: [1_000, 2_500],
    smallCountryThreshold: 5,
    now: () => clock,
    logError: vi.fn(),
  });
  const deps = isolate();
  return {
    deps,
    isolate,
    snapshot,
    readTally,
    advance: (ms: number) => (clock += ms),
    get: (headers: Record<string, string> = {}, from = deps) => serveTally(new Request(`${SITE}/api/tally`, { headers }), from),
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
      byCountry: { GB: 7 },
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

  it("answers a second isolate from the location's edge copy", async () => {
    const { get, isolate, readTally } = setup();
    await get();
    expect((await get({}, isolate())).status).toBe(200);
    expect(readTally).toHaveBeenCalledTimes(1);
  });

  it('lets one request refresh an old copy while the others answer from it', async () => {
    const { get, readTally, advance, snapshot } = setup();
    await get();
    advance(FRESH_MS);
    snapshot.total = 50;
    let finishRead = () => {};
    readTally.mockImplementationOnce(() => new Promise((resolve) => (finishRead = () => resolve({ ...snapshot }))));
    const refreshing = get();
    const meanwhile = await Promise.all(Array.from({ length: 20 }, () => get()));
    expect(meanwhile.every((response) => response.headers.get('x-tally-stale') === null)).toBe(true);
    expect(await Promise.all(meanwhile.map(totalOf))).toEqual(Array(20).fill(42));
    finishRead();
    expect(await totalOf(await refreshing)).toBe(50);
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
    expect(await totalOf(changed)).toBe(43);
  });

  it('serves the last known count, marked stale, when the database fails, and leaves it alone for a period', async () => {
    const { get, readTally, advance, deps } = setup();
    await get();
    readTally.mockRejectedValue(new Error('connection refused'));
    advance(60 * 60 * 1000);
    for (let request = 0; request < 10; request += 1) {
      const response = await get();
      expect(response.status).toBe(200);
      expect(response.headers.get('x-tally-stale')).toBe('1');
      expect(await totalOf(response)).toBe(42);
    }
    expect(readTally).toHaveBeenCalledTimes(2);
    expect(deps.logError).toHaveBeenCalledTimes(1);
    advance(FRESH_MS);
    await get();
    expect(readTally).toHaveBeenCalledTimes(3);
  });

  it('answers 503 with Retry-After when the database fails and nothing is cached', async () => {
    const { get, readTally } = setup();
    readTally.mockRejectedValue(new Error('connection refused'));
    const response = await get();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(JSON.stringify(await response.json())).not.toContain('connection refused');
    expect((await get()).status).toBe(503);
    expect(readTally).toHaveBeenCalledTimes(1);
  });
});

describe('after a pledge', () => {
  it('answers everyone with the count from the pledge itself, without reading the database', async () => {
    const { get, isolate, readTally, deps } = setup();
    await get();
    await rememberTally(`${SITE}/pledge`, { total: 43, updatedAt: '2026-11-29T10:01:00.000Z', byCountry: { GB: 8 } }, deps);
    expect(await totalOf(await get())).toBe(43);
    expect(await bodyOf(await get({}, isolate()))).toMatchObject({ total: 43, byCountry: { GB: 8 } });
    expect(readTally).toHaveBeenCalledTimes(1);
  });

  it('keeps a stream of pledges from sending tally readers to the database', async () => {
    const { get, readTally, advance, deps } = setup();
    for (let second = 0; second < 60; second += 1) {
      await rememberTally(SITE, { total: 100 + second, updatedAt: new Date(second * 1000).toISOString(), byCountry: {} }, deps);
      await get();
      advance(1000);
    }
    expect(readTally).not.toHaveBeenCalled();
  });
});

describe('counts by country', () => {
  it('publishes a country below the threshold only as "fewer than 5"', async () => {
    const { get } = setup({ byCountry: { FR: 5, IS: 4, LI: 1, GB: 0 } });
    expect((await bodyOf(await get())).byCountry).toEqual({ FR: 5, IS: 'fewer than 5', LI: 'fewer than 5' });
  });
});

describe('the last known count', () => {
  it("comes from memory or the edge copy, never the database, and is undefined when there is neither", async () => {
    const { get, isolate, readTally, deps } = setup();
    expect(await lastKnownTally(SITE, deps)).toBeUndefined();
    await get();
    readTally.mockClear();
    expect((await lastKnownTally(SITE, deps))?.total).toBe(42);
    expect((await lastKnownTally(SITE, isolate()))?.total).toBe(42);
    expect(readTally).not.toHaveBeenCalled();
    expect((await loadTally(SITE, deps))?.stale).toBe(false);
  });
});
