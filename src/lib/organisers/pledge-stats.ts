import { and, count, desc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pledges, subscribers, tally, tallyByCountry } from '../db/schema.ts';

/** The key for pledges that came without a share code. */
export const NO_SOURCE = '(none)';

export interface PledgeStats {
  total: number;
  /** One entry per day of the period, oldest first, days without pledges included (UTC days). */
  perDay: Array<{ day: string; pledges: number }>;
  /** Every country's exact count, largest first: private numbers, for organisers only. */
  byCountry: Record<string, number>;
  /** Pledges per share code (`?ref=`), largest first; NO_SOURCE for none. */
  bySource: Record<string, number>;
  /** People who asked for campaign updates and have not withdrawn, and their share of all walkaways. */
  updates: { subscribers: number; share: number };
}

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

export async function pledgeStats(db: Database, { days, now }: { days: number; now: Date }): Promise<PledgeStats> {
  const firstDay = Date.parse(isoDay(now.getTime())) - (days - 1) * DAY_MS;
  const day = sql<string>`date(${pledges.createdAt} / 1000, 'unixepoch')`;
  const [totals, perDay, countries, sources, subscribed] = await db.batch([
    db.select({ total: tally.total }).from(tally).where(eq(tally.id, 1)),
    db.select({ day, pledges: count() }).from(pledges).where(gte(pledges.createdAt, new Date(firstDay))).groupBy(day),
    db.select().from(tallyByCountry).where(sql`${tallyByCountry.total} > 0`).orderBy(desc(tallyByCountry.total)),
    db.select({ source: pledges.source, pledges: count() }).from(pledges).groupBy(pledges.source).orderBy(desc(count())),
    db.select({ subscribers: count() }).from(subscribers).where(and(isNotNull(subscribers.email), isNull(subscribers.withdrawnAt))),
  ]);
  const total = totals[0]?.total ?? 0;
  const counted = new Map(perDay.map((row) => [row.day, row.pledges]));
  const subscriberCount = subscribed[0]?.subscribers ?? 0;
  return {
    total,
    perDay: Array.from({ length: days }, (_, i) => {
      const date = isoDay(firstDay + i * DAY_MS);
      return { day: date, pledges: counted.get(date) ?? 0 };
    }),
    byCountry: Object.fromEntries(countries.map((row) => [row.country, row.total])),
    bySource: Object.fromEntries(sources.map((row) => [row.source ?? NO_SOURCE, row.pledges])),
    updates: { subscribers: subscriberCount, share: total === 0 ? 0 : subscriberCount / total },
  };
}
