import { jsonResponse } from '../http/responses';
import { nextMilestone } from './milestones';
import { publicByCountry } from './public-counts';
import type { TallySnapshot } from './read-tally';

/** The slice of the Workers Cache API used here (`caches.default`). */
export interface EdgeCache {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

export interface TallyBody extends TallySnapshot {
  goal: number;
}

interface TallyCopy {
  body: TallyBody;
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

export interface ServeTallyDeps {
  readTally: () => Promise<TallySnapshot>;
  memory: TallyMemory;
  /** The location's edge copy; the Cache API does nothing on *.workers.dev, where the memory copy still works. */
  cache: EdgeCache;
  milestones: readonly number[];
  /** Countries below this count are published as "fewer than N". */
  smallCountryThreshold: number;
  now: () => number;
  logError: (message: string, error: unknown) => void;
}

/** How long one database read serves a location; browsers and CDNs are told the same through Cache-Control. */
export const FRESH_MS = 10_000;
/** A refresh that has not finished by then is taken to have failed, and the next request may try again. */
const REFRESH_GIVE_UP_MS = 5_000;
export const TALLY_CACHE_CONTROL = 'public, max-age=5, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400';
const FETCHED_AT = 'x-tally-fetched-at';
// The edge copy outlives its freshness so that it can stand in while the database is unreachable.
const KEEP_FOR_ERRORS = 'public, max-age=86400';

const publicHeaders = (etag: string) => ({
  'cache-control': TALLY_CACHE_CONTROL,
  'access-control-allow-origin': '*',
  etag,
});

function etagOf(body: TallyBody): string {
  return `W/"${body.total}-${Date.parse(body.updatedAt)}"`;
}

/** True when the request's If-None-Match names `etag` (or `*`): the client's copy is current. */
export function matchesEtag(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  return header === '*' || header.split(',').some((candidate) => candidate.trim() === etag);
}

const tallyCacheKey = (siteUrl: string | URL) => new Request(new URL('/api/tally', siteUrl), { method: 'GET' });

async function cachedCopy(siteUrl: string | URL, cache: EdgeCache): Promise<TallyCopy | undefined> {
  const cached = await cache.match(tallyCacheKey(siteUrl));
  return cached ? { body: (await cached.json()) as TallyBody, fetchedAt: Number(cached.headers.get(FETCHED_AT)) } : undefined;
}

/** Keeps a count read from the database, in this isolate's memory and in the location's edge cache. */
async function keep(siteUrl: string | URL, copy: TallyCopy, deps: Pick<ServeTallyDeps, 'memory' | 'cache'>) {
  deps.memory.copy = copy;
  const response = new Response(JSON.stringify(copy.body), {
    headers: { 'content-type': 'application/json', 'cache-control': KEEP_FOR_ERRORS, [FETCHED_AT]: String(copy.fetchedAt) },
  });
  await deps.cache.put(tallyCacheKey(siteUrl), response);
}

const withGoal = (snapshot: TallySnapshot, milestones: readonly number[]): TallyBody => ({
  ...snapshot,
  goal: nextMilestone(snapshot.total, milestones),
});

/**
 * After a pledge: the tally its own batch read becomes the copy everyone is answered from. Written, never deleted,
 * so that a stream of pledges never sends tally readers to the database.
 */
export async function rememberTally(siteUrl: string | URL, snapshot: TallySnapshot, deps: ServeTallyDeps): Promise<void> {
  await keep(siteUrl, { body: withGoal(snapshot, deps.milestones), fetchedAt: deps.now() }, deps);
}

/** The count this isolate or location last knew, however old, without asking the database. */
export async function lastKnownTally(siteUrl: string | URL, deps: ServeTallyDeps): Promise<TallyBody | undefined> {
  return (deps.memory.copy ?? (await cachedCopy(siteUrl, deps.cache)))?.body;
}

/**
 * The current tally for any page or endpoint, cheapest first: this isolate's memory, then the location's edge copy,
 * then one database read. When the copy is older than FRESH_MS, one request reads the database while the others
 * keep answering from the copy, so a location reads the tally at most once per period however busy it is. If the
 * database fails, the last copy is served, marked stale, and the database is left alone for another period.
 * Undefined only when there is no copy at all and the database fails.
 */
export async function loadTally(
  siteUrl: string | URL,
  deps: ServeTallyDeps,
): Promise<{ body: TallyBody; stale: boolean } | undefined> {
  const { memory } = deps;
  const now = deps.now();
  const isFresh = (copy: TallyCopy) => now - copy.fetchedAt < FRESH_MS;
  if (memory.copy && isFresh(memory.copy)) return { body: memory.copy.body, stale: false };

  const edge = await cachedCopy(siteUrl, deps.cache);
  const copy = edge && (!memory.copy || edge.fetchedAt > memory.copy.fetchedAt) ? edge : memory.copy;
  memory.copy = copy;
  if (copy && isFresh(copy)) return { body: copy.body, stale: false };

  if (memory.nextAttemptAt !== undefined && now < memory.nextAttemptAt) return copy && { body: copy.body, stale: true };
  if (copy && memory.refreshingSince !== undefined && now - memory.refreshingSince < REFRESH_GIVE_UP_MS) {
    return { body: copy.body, stale: false };
  }

  memory.refreshingSince = now;
  try {
    const body = withGoal(await deps.readTally(), deps.milestones);
    memory.nextAttemptAt = undefined;
    await keep(siteUrl, { body, fetchedAt: deps.now() }, deps).catch((error: unknown) =>
      deps.logError('tally not cached', error),
    );
    return { body, stale: false };
  } catch (error) {
    deps.logError('tally could not be read', error);
    memory.nextAttemptAt = deps.now() + FRESH_MS;
    return copy ? { body: copy.body, stale: true } : undefined;
  } finally {
    memory.refreshingSince = undefined;
  }
}

/**
 * GET (and HEAD) /api/tally: public, cacheable, with ETag revalidation and CORS for anyone who shows the count.
 * Small countries are published as "fewer than N" only.
 */
export async function serveTally(request: Request, deps: ServeTallyDeps): Promise<Response> {
  const tally = await loadTally(request.url, deps);
  if (!tally) {
    return jsonResponse({ error: 'The count is unavailable just now. Please try again shortly.' }, 503, {
      'retry-after': '10',
      'access-control-allow-origin': '*',
    });
  }
  const etag = etagOf(tally.body);
  const headers = { ...publicHeaders(etag), ...(tally.stale ? { 'x-tally-stale': '1' } : {}) };
  if (matchesEtag(request, etag)) return new Response(null, { status: 304, headers });
  const body = { ...tally.body, byCountry: publicByCountry(tally.body.byCountry, deps.smallCountryThreshold) };
  return new Response(request.method === 'HEAD' ? null : JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
