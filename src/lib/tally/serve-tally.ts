import { jsonResponse } from '../http/responses';
import { nextMilestone } from './milestones';
import type { TallySnapshot } from './read-tally';

/** The slice of the Workers Cache API used here (`caches.default`). */
export interface EdgeCache {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
  delete(request: Request): Promise<boolean>;
}

export interface ServeTallyDeps {
  readTally: () => Promise<TallySnapshot>;
  cache: EdgeCache;
  milestones: readonly number[];
  now: () => number;
  logError: (message: string, error: unknown) => void;
}

export interface TallyBody extends TallySnapshot {
  goal: number;
}

/** How long one database read serves a location; browsers and CDNs are told the same through Cache-Control. */
export const FRESH_MS = 10_000;
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

function matchesEtag(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  return header === '*' || header.split(',').some((candidate) => candidate.trim() === etag);
}

const tallyCacheKey = (siteUrl: string | URL) => new Request(new URL('/api/tally', siteUrl), { method: 'GET' });

/** After a pledge: the next reader in this location fetches the count again, so a new walkaway sees themself counted. */
export async function forgetTally(siteUrl: string | URL, cache: EdgeCache): Promise<void> {
  await cache.delete(tallyCacheKey(siteUrl));
}

async function readFromDatabase(deps: ServeTallyDeps): Promise<TallyBody> {
  const snapshot = await deps.readTally();
  return { ...snapshot, goal: nextMilestone(snapshot.total, deps.milestones) };
}

/**
 * The current tally for any page or endpoint: the edge copy while it is fresh, otherwise one database read
 * stored back at the edge; if the database fails, the last edge copy however old. Undefined when there is neither.
 */
export async function loadTally(
  siteUrl: string | URL,
  deps: ServeTallyDeps,
): Promise<{ body: TallyBody; stale: boolean } | undefined> {
  const cacheKey = tallyCacheKey(siteUrl);
  const cached = await deps.cache.match(cacheKey);
  if (cached && deps.now() - Number(cached.headers.get(FETCHED_AT)) < FRESH_MS) {
    return { body: (await cached.json()) as TallyBody, stale: false };
  }
  try {
    const body = await readFromDatabase(deps);
    const copy = new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json', 'cache-control': KEEP_FOR_ERRORS, [FETCHED_AT]: String(deps.now()) },
    });
    await deps.cache.put(cacheKey, copy);
    return { body, stale: false };
  } catch (error) {
    deps.logError('tally could not be read', error);
    return cached ? { body: (await cached.json()) as TallyBody, stale: true } : undefined;
  }
}

/** GET /api/tally: public, cacheable, with ETag revalidation and CORS for anyone who wants to show the count. */
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
  return new Response(JSON.stringify(tally.body), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
