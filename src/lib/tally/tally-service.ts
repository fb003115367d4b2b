import { SMALL_COUNTRY_THRESHOLD } from '../../config.ts';
import { recordMilestones, unrecordedMilestones } from './milestones.ts';
import { withinDatabaseTimeout } from '../db/database-work.ts';
import { matchesEtag } from '../http/etag.ts';
import { jsonResponse, methodNotAllowed } from '../http/responses.ts';
import type { Platform } from '../platform.ts';
import { withSecurityHeaders } from '../security/headers.ts';
import { type PublicTally, publicTally } from './public-counts.ts';
import { publicTotal, readTally, type TallySnapshot } from './read-tally.ts';
import { lastKnownTally, loadTally, rememberTally, TALLY_CACHE_CONTROL, type TallyCacheDeps } from './tally-cache.ts';

const TALLY_PATH = '/api/tally';

// A milestone recorded after the write that moved the count changes the body, not the total: it is in the tag too.
const etagOf = (tally: PublicTally) => `W/"${tally.total}-${Date.parse(tally.updatedAt)}-${tally.milestones.filter(({ reachedAt }) => reachedAt).length}"`;

/**
 * The public count: read from the database at most once per location and period (src/lib/tally/tally-cache.ts), and
 * handed out only as a PublicTally, small countries already redacted.
 */
export function tallyService(platform: Platform) {
  const cache: TallyCacheDeps = {
    readTally: () => withinDatabaseTimeout(platform, 'the tally read', readTally),
    memory: platform.memory.tally,
    cache: platform.cache,
    now: () => platform.clock.now().getTime(),
    logError: platform.log.error,
  };
  const { milestones } = platform;
  const toPublic = (snapshot: TallySnapshot) => publicTally(snapshot, { threshold: SMALL_COUNTRY_THRESHOLD, milestones });

  async function answerGet(request: Request): Promise<Response> {
    const tally = await loadTally(request.url, cache);
    if (!tally) {
      return jsonResponse({ error: 'The count is unavailable just now. Please try again shortly.' }, 503, {
        'retry-after': '10',
        'access-control-allow-origin': '*',
      });
    }
    const body = toPublic(tally.snapshot);
    const etag = etagOf(body);
    const headers = {
      'cache-control': TALLY_CACHE_CONTROL,
      'access-control-allow-origin': '*',
      etag,
      ...(tally.stale ? { 'x-tally-stale': '1' } : {}),
    };
    if (matchesEtag(request, etag)) return new Response(null, { status: 304, headers });
    return new Response(request.method === 'HEAD' ? null : JSON.stringify(body), {
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    });
  }

  return {
    /** The public tally for a page or an endpoint; undefined only while there is no copy and no database. */
    async current(siteUrl: URL): Promise<PublicTally | undefined> {
      const tally = await loadTally(siteUrl, cache);
      return tally && toPublic(tally.snapshot);
    },

    /** The count this isolate or location last knew, however old, without asking the database. */
    async lastKnown(siteUrl: URL): Promise<PublicTally | undefined> {
      const snapshot = await lastKnownTally(siteUrl, cache);
      return snapshot && toPublic(snapshot);
    },

    /**
     * After a write that moved the count: a milestone the count has just passed is recorded (only then is anything
     * written), and the fresh tally becomes the copy everyone is answered from.
     */
    async remember(siteUrl: URL, snapshot: TallySnapshot): Promise<void> {
      const due = unrecordedMilestones(publicTotal(snapshot), milestones, snapshot.reached ?? {});
      if (due.length > 0) {
        const now = platform.clock.now();
        try {
          // Within the database's timeout, and never a failure of the write that moved the count: the next one, or
          // the recount, records the milestone otherwise.
          await withinDatabaseTimeout(platform, 'the milestone record', (db) => recordMilestones(db, due, now));
          snapshot = { ...snapshot, reached: { ...snapshot.reached, ...Object.fromEntries(due.map((value) => [value, now.toISOString()])) } };
        } catch (error) {
          platform.log.error('milestone not recorded', error);
        }
      }
      await rememberTally(siteUrl, snapshot, cache);
    },

    /** Whether a request is for the tally endpoint, which the worker entry answers before Astro's pipeline. */
    serves: (request: Request) => new URL(request.url).pathname === TALLY_PATH,

    /**
     * GET and HEAD /api/tally: public, cacheable, with ETag revalidation and CORS for anyone who shows the count,
     * and the headers every response carries. Any other method: 405.
     */
    async answer(request: Request): Promise<Response> {
      const isRead = request.method === 'GET' || request.method === 'HEAD';
      return withSecurityHeaders(isRead ? await answerGet(request) : await methodNotAllowed(request, ['GET', 'HEAD']));
    },
  };
}
