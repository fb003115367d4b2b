import { SMALL_COUNTRY_THRESHOLD } from '../../config.ts';
import { openPlatformDatabase, withinDatabaseTimeout } from '../db/database-work.ts';
import { jsonResponse } from '../http/responses.ts';
import type { Platform } from '../platform.ts';
import { TALLY_CACHE_CONTROL } from '../tally/tally-cache.ts';
import { toTheMinute } from '../tally/public-counts.ts';
import { DAY_MS, isoDay } from '../utc-days.ts';
import { addIntegrityCounts, type DayCounts, type IntegrityKind, PUBLIC_INTEGRITY_KINDS, readIntegrityDays, readLastRecount } from './integrity-counts.ts';

/** How long an isolate gathers counts before adding them to the database in one write. */
export const INTEGRITY_FLUSH_MS = 1_000;
/** How many completed days /how-we-count and GET /api/integrity show. */
export const PUBLIC_DAYS = 30;
/** How long an isolate answers from the public figures it read: they change once a day, the recount's every run. */
const PUBLISHED_FRESH_MS = 600_000;

/** What an isolate has counted and not yet written: day → kind → number. */
export interface IntegrityMemory {
  counts: Map<string, Partial<DayCounts>>;
  /** When a write of the counts was planned, if one is pending. */
  plannedAt: number | undefined;
  /** The public figures this isolate last read, and when (ms). */
  published?: { at: number; figures: PublicIntegrity };
}

export const createIntegrityMemory = (): IntegrityMemory => ({ counts: new Map(), plannedAt: undefined });

/** A completed day's public figures: each under SMALL_COUNTRY_THRESHOLD is null (shown as "fewer than 5"). */
export type PublicDay = { day: string } & Record<(typeof PUBLIC_INTEGRITY_KINDS)[number], number | null>;

export interface PublicIntegrity {
  /** The last PUBLIC_DAYS completed days (UTC), oldest first. Today is never among them. */
  days: PublicDay[];
  /** When the recount last ran, to the minute, and by how much it changed the public total. */
  lastRecount: { at: string; repaired: number | null } | null;
}

/**
 * A count as it may be published: under the small-count threshold it is hidden (null), zero included, so that a day
 * with one pledge cannot be told from a day with none.
 */
const publishable = (count: number) => (count < SMALL_COUNTRY_THRESHOLD ? null : count);

/** The recount's repair as it may be published: nothing (0), or a change of at least the threshold; else hidden. */
const publishableRepair = (repaired: number) => (repaired === 0 || Math.abs(repaired) >= SMALL_COUNTRY_THRESHOLD ? repaired : null);

/**
 * A day is published once it has been over for an hour: the last counts of its final second, or a write that waited
 * for the database, may still arrive after midnight.
 */
const PUBLISH_GRACE_MS = 3_600_000;
const lastPublishedDay = (now: number) => isoDay(now - PUBLISH_GRACE_MS - DAY_MS);
/** A planned write that has not happened by then was cut off with its request (`waitUntil` has a time limit). */
const LOST_PLAN_MS = 5_000;

/**
 * The integrity counters: counted in the isolate's memory and added to the database in one write per
 * INTEGRITY_FLUSH_MS at most (a flood of refusals must not become a flood of writes), published for completed days
 * only, small figures hidden and repeats never on their own.
 */
export function integrityService(platform: Platform) {
  const memory = platform.memory.integrity;

  async function flush(): Promise<void> {
    memory.plannedAt = undefined;
    // A published day never changes: counts kept from a failed write are dropped once their day is published, rather
    // than added to figures people have already read.
    const published = lastPublishedDay(platform.clock.now().getTime());
    const counts = new Map([...memory.counts].filter(([day]) => day > published));
    memory.counts.clear();
    try {
      await addIntegrityCounts(openPlatformDatabase(platform), counts);
    } catch (error) {
      // Kept for the next write rather than lost; the log says why, without any figure.
      for (const [day, kinds] of counts) {
        const kept = memory.counts.get(day) ?? {};
        for (const [kind, count] of Object.entries(kinds) as Array<[IntegrityKind, number]>) kept[kind] = (kept[kind] ?? 0) + count;
        memory.counts.set(day, kept);
      }
      // Not planned again from here: the next count plans the next write, so an outage is no loop of retries.
      platform.log.error('integrity counts not written, kept for the next write', error);
    }
  }

  /** Plans the write of what is counted, unless one is pending: at most one write per INTEGRITY_FLUSH_MS. */
  function plan(now: number): void {
    if (memory.plannedAt !== undefined && now - memory.plannedAt < LOST_PLAN_MS) return;
    memory.plannedAt = now;
    platform.defer(platform.sleep(INTEGRITY_FLUSH_MS).then(flush));
  }

  /** The public figures: completed days only, read at most once per PUBLISHED_FRESH_MS per isolate. */
  async function published(): Promise<PublicIntegrity> {
    const now = platform.clock.now();
    const today = isoDay(now);
    const copy = memory.published;
    if (copy && now.getTime() - copy.at < PUBLISHED_FRESH_MS && isoDay(copy.at) === today) return copy.figures;
    const figures = await withinDatabaseTimeout(platform, 'the integrity read', async (db) => {
      const days = await readIntegrityDays(db, { lastDay: lastPublishedDay(now.getTime()), days: PUBLIC_DAYS });
      const recount = await readLastRecount(db);
      return {
        days: days.map(({ day, ...counts }) => ({ day, ...Object.fromEntries(PUBLIC_INTEGRITY_KINDS.map((kind) => [kind, publishable(counts[kind])])) }) as PublicDay),
        lastRecount: recount && { at: toTheMinute(recount.at), repaired: publishableRepair(recount.repaired) },
      };
    });
    memory.published = { at: now.getTime(), figures };
    return figures;
  }

  return {
    /** Counts one event of each kind, today (UTC); the write follows within INTEGRITY_FLUSH_MS. */
    count(...kinds: IntegrityKind[]): void {
      // Without a database there is nowhere to add them: nothing is gathered (the deployment mistake is said elsewhere).
      if (!platform.database || kinds.length === 0) return;
      const now = platform.clock.now();
      const day = isoDay(now);
      const counts = memory.counts.get(day) ?? {};
      for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
      memory.counts.set(day, counts);
      plan(now.getTime());
    },

    /** Writes what this isolate has counted now (the planned write calls it). */
    flush,

    /**
     * GET /api/integrity: the public figures as JSON, open to other sites and cached as the tally is. A database that
     * does not answer gets "try again" (503), never a stack trace.
     */
    async answer(): Promise<Response> {
      const headers = { 'access-control-allow-origin': '*' };
      try {
        return jsonResponse(await published(), 200, { ...headers, 'cache-control': TALLY_CACHE_CONTROL });
      } catch (error) {
        platform.log.error('integrity figures unavailable', error);
        return jsonResponse({ error: 'The figures are unavailable just now. Please try again shortly.' }, 503, { ...headers, 'retry-after': '10' });
      }
    },

    published,
  };
}
