import type { TallySnapshot } from './read-tally.ts';

/** The slice of the Workers Cache API used here (`caches.default`). */
export interface EdgeCache {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

interface TallyCopy {
  snapshot: TallySnapshot;
  /** When the count was read from the database (ms since the epoch). */
  fetchedAt: number;
}

/**
 * What one isolate remembers between requests: plain values with their times, never a shared promise (Workers
 * cancel a request that waits on I/O another request started).
 */
export interface TallyMemory {
  copy?: TallyCopy | undefined;
  /** Set while one request reads the database, so that the others answer from the copy meanwhile. */
  refreshingSince?: number | undefined;
  /** After a failed read, no request tries the database again before this time. */
  nextAttemptAt?: number | undefined;
}

export const createTallyMemory = (): TallyMemory => ({});

export interface TallyCacheDeps {
  /** One read of the tally rows: the only way the count reaches the database. */
  readTally: () => Promise<TallySnapshot>;
  memory: TallyMemory;
  /** The location's edge copy; the Cache API does nothing on *.workers.dev, where the memory copy still works. */
  cache: EdgeCache;
  now: () => number;
  logError: (message: string, error: unknown) => void;
}

/** How long one database read serves a location; browsers and CDNs are told the same through Cache-Control. */
export const FRESH_MS = 10_000;
/** What the tally, and anything showing it (the badge), tell browsers and CDNs: fresh for FRESH_MS at the edge. */
export const TALLY_CACHE_CONTROL = 'public, max-age=5, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400';
/** A refresh that has not finished by then is taken to have failed, and the next request may try again. */
const REFRESH_GIVE_UP_MS = 5_000;
const FETCHED_AT = 'x-tally-fetched-at';
// The edge copy outlives its freshness so that it can stand in while the database is unreachable.
const KEEP_FOR_ERRORS = 'public, max-age=86400';

// The edge copy's own key: an address nobody requests, so the copy is never confused with a public answer.
const cacheKey = (siteUrl: string | URL) => new Request(new URL('/_tally-copy', siteUrl), { method: 'GET' });

async function cachedCopy(siteUrl: string | URL, cache: EdgeCache): Promise<TallyCopy | undefined> {
  const cached = await cache.match(cacheKey(siteUrl));
  return cached ? { snapshot: (await cached.json()) as TallySnapshot, fetchedAt: Number(cached.headers.get(FETCHED_AT)) } : undefined;
}

/** Keeps a count read from the database, in this isolate's memory and in the location's edge cache. */
async function keep(siteUrl: string | URL, copy: TallyCopy, deps: Pick<TallyCacheDeps, 'memory' | 'cache'>) {
  deps.memory.copy = copy;
  const response = new Response(JSON.stringify(copy.snapshot), {
    headers: { 'content-type': 'application/json', 'cache-control': KEEP_FOR_ERRORS, [FETCHED_AT]: String(copy.fetchedAt) },
  });
  await deps.cache.put(cacheKey(siteUrl), response);
}

/**
 * A fresh count (after a pledge, from its own batch) becomes the copy everyone is answered from. Written, never
 * deleted, so that a stream of pledges never sends tally readers to the database.
 */
export async function rememberTally(siteUrl: string | URL, snapshot: TallySnapshot, deps: TallyCacheDeps): Promise<void> {
  await keep(siteUrl, { snapshot, fetchedAt: deps.now() }, deps);
}

/** The count this isolate or location last knew, however old, without asking the database. */
export async function lastKnownTally(siteUrl: string | URL, deps: TallyCacheDeps): Promise<TallySnapshot | undefined> {
  return (deps.memory.copy ?? (await cachedCopy(siteUrl, deps.cache)))?.snapshot;
}

/**
 * The current tally, cheapest first: this isolate's memory, then the location's edge copy, then one database read.
 * When the copy is older than FRESH_MS, one request reads the database while the others keep answering from the
 * copy, so a location reads the tally at most once per period however busy it is. If the database fails, the last
 * copy is served, marked stale, and the database is left alone for another period. Undefined only when there is no
 * copy at all and the database fails.
 */
export async function loadTally(
  siteUrl: string | URL,
  deps: TallyCacheDeps,
): Promise<{ snapshot: TallySnapshot; stale: boolean } | undefined> {
  const { memory } = deps;
  const now = deps.now();
  const isFresh = (copy: TallyCopy) => now - copy.fetchedAt < FRESH_MS;
  if (memory.copy && isFresh(memory.copy)) return { snapshot: memory.copy.snapshot, stale: false };

  const edge = await cachedCopy(siteUrl, deps.cache);
  const copy = edge && (!memory.copy || edge.fetchedAt > memory.copy.fetchedAt) ? edge : memory.copy;
  memory.copy = copy;
  if (copy && isFresh(copy)) return { snapshot: copy.snapshot, stale: false };

  if (memory.nextAttemptAt !== undefined && now < memory.nextAttemptAt) return copy && { snapshot: copy.snapshot, stale: true };
  if (copy && memory.refreshingSince !== undefined && now - memory.refreshingSince < REFRESH_GIVE_UP_MS) {
    return { snapshot: copy.snapshot, stale: false };
  }

  memory.refreshingSince = now;
  try {
    const snapshot = await deps.readTally();
    memory.nextAttemptAt = undefined;
    await keep(siteUrl, { snapshot, fetchedAt: deps.now() }, deps).catch((error: unknown) => deps.logError('tally not cached', error));
    return { snapshot, stale: false };
  } catch (error) {
    deps.logError('tally could not be read', error);
    memory.nextAttemptAt = deps.now() + FRESH_MS;
    return copy ? { snapshot: copy.snapshot, stale: true } : undefined;
  } finally {
    memory.refreshingSince = undefined;
  }
}
