// How the count is kept: this isolate's memory, then the location's edge copy, then one database read per period.
import { describe, expect, it, vi } from 'vitest';
import type { TallySnapshot } from '../../src/lib/tally/read-tally.ts';
import { createTallyMemory, FRESH_MS, lastKnownTally, loadTally, rememberTally, type TallyCacheDeps } from '../../src/lib/tally/tally-cache.ts';
import { memoryCache } from '../support/fake-platform.ts';

const SITE = 'http://walkaway.test';

function setup() {
  let clock = 1_000_000;
  const snapshot: TallySnapshot = { total: 42, updatedAt: '2026-11-29T10:00:00.000Z', byCountry: { GB: 7 } };
  const readTally = vi.fn(async () => ({ ...snapshot }));
  const cache = memoryCache();
  /** Another isolate in the same location: its own memory, the same edge cache and database. */
  const isolate = (): TallyCacheDeps => ({ readTally, memory: createTallyMemory(), cache, now: () => clock, logError: vi.fn() });
  const deps = isolate();
  return {
    deps,
    isolate,
    snapshot,
    readTally,
    advance: (ms: number) => (clock += ms),
    load: (from = deps) => loadTally(SITE, from),
    total: async (from = deps) => (await loadTally(SITE, from))?.snapshot.total,
  };
}

describe('the count', () => {
  it('is read from the database once per 10 seconds, however many requests follow', async () => {
    const { load, readTally, advance } = setup();
    for (let request = 0; request < 50; request += 1) await load();
    advance(FRESH_MS - 1);
    await load();
    expect(readTally).toHaveBeenCalledTimes(1);
    advance(1);
    await load();
    expect(readTally).toHaveBeenCalledTimes(2);
  });

  it("answers a second isolate from the location's edge copy", async () => {
    const { total, isolate, readTally } = setup();
    await total();
    expect(await total(isolate())).toBe(42);
    expect(readTally).toHaveBeenCalledTimes(1);
  });

  it('lets one request refresh an old copy while the others answer from it', async () => {
    const { load, total, readTally, advance, snapshot } = setup();
    await load();
    advance(FRESH_MS);
    snapshot.total = 50;
    let finishRead = () => {};
    readTally.mockImplementationOnce(() => new Promise((resolve) => (finishRead = () => resolve({ ...snapshot }))));
    const refreshing = load();
    const meanwhile = await Promise.all(Array.from({ length: 20 }, () => load()));
    expect(meanwhile.map((tally) => [tally?.snapshot.total, tally?.stale])).toEqual(Array(20).fill([42, false]));
    finishRead();
    expect((await refreshing)?.snapshot.total).toBe(50);
    expect(readTally).toHaveBeenCalledTimes(2);
    expect(await total()).toBe(50);
  });

  it('is the last known one, marked stale, when the database fails, which is then left alone for a period', async () => {
    const { load, readTally, advance, deps } = setup();
    await load();
    readTally.mockRejectedValue(new Error('connection refused'));
    advance(60 * 60 * 1000);
    for (let request = 0; request < 10; request += 1) expect(await load()).toMatchObject({ snapshot: { total: 42 }, stale: true });
    expect(readTally).toHaveBeenCalledTimes(2);
    expect(deps.logError).toHaveBeenCalledTimes(1);
    advance(FRESH_MS);
    await load();
    expect(readTally).toHaveBeenCalledTimes(3);
  });

  it('is unavailable when the database fails and nothing is kept, without asking again at once', async () => {
    const { load, readTally } = setup();
    readTally.mockRejectedValue(new Error('connection refused'));
    expect(await load()).toBeUndefined();
    expect(await load()).toBeUndefined();
    expect(readTally).toHaveBeenCalledTimes(1);
  });
});

describe('after a pledge', () => {
  it('answers everyone with the count from the pledge itself, without reading the database', async () => {
    const { load, isolate, readTally, deps } = setup();
    await load();
    await rememberTally(`${SITE}/pledge`, { total: 43, updatedAt: '2026-11-29T10:01:00.000Z', byCountry: { GB: 8 } }, deps);
    expect((await load())?.snapshot.total).toBe(43);
    expect((await load(isolate()))?.snapshot).toMatchObject({ total: 43, byCountry: { GB: 8 } });
    expect(readTally).toHaveBeenCalledTimes(1);
  });

  it('keeps a stream of pledges from sending tally readers to the database', async () => {
    const { load, readTally, advance, deps } = setup();
    for (let second = 0; second < 60; second += 1) {
      await rememberTally(SITE, { total: 100 + second, updatedAt: new Date(second * 1000).toISOString(), byCountry: {} }, deps);
      await load();
      advance(1000);
    }
    expect(readTally).not.toHaveBeenCalled();
  });
});

describe('the last known count', () => {
  it('comes from memory or the edge copy, never the database, and is undefined when there is neither', async () => {
    const { load, isolate, readTally, deps } = setup();
    expect(await lastKnownTally(SITE, deps)).toBeUndefined();
    await load();
    readTally.mockClear();
    expect((await lastKnownTally(SITE, deps))?.total).toBe(42);
    expect((await lastKnownTally(SITE, isolate()))?.total).toBe(42);
    expect(readTally).not.toHaveBeenCalled();
  });

  it('is kept under a key of its own, never under the public address of the tally', async () => {
    const { load, deps } = setup();
    await load();
    expect([...(deps.cache as ReturnType<typeof memoryCache>).entries.keys()]).toEqual([`${SITE}/_tally-copy`]);
  });
});
