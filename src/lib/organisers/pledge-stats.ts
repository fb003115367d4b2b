import { and, count, desc, eq, gte, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { deadLetters, PLEDGE_STATUSES, type PledgeStatus, pledges, subscribers, tally, tallyByCountry } from '../db/schema.ts';

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
  /**
   * Pledges by where they stand, and the confirmation rate: of the pledges whose confirmation email went out, the
   * share confirmed (pledges from before confirmation by email are left out of it).
   */
  verification: Record<PledgeStatus, number> & { confirmationRate: number };
  /** Confirmation emails due and not yet sent, and the messages kept from each dead-letter queue. */
  mail: { backlog: number; deadLetters: Record<string, number> };
}

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

export async function pledgeStats(db: Database, { days, now }: { days: number; now: Date }): Promise<PledgeStats> {
  const firstDay = Date.parse(isoDay(now.getTime())) - (days - 1) * DAY_MS;
  const day = sql<string>`date(${pledges.createdAt} / 1000, 'unixepoch')`;
  const confirmed = eq(pledges.status, 'confirmed');
  const [totals, perDay, countries, sources, subscribed, statuses, mailed, backlog, dead] = await db.batch([
    db.select({ total: tally.total }).from(tally).where(eq(tally.id, 1)),
    db.select({ day, pledges: count() }).from(pledges).where(and(confirmed, gte(pledges.createdAt, new Date(firstDay)))).groupBy(day),
    db.select().from(tallyByCountry).where(sql`${tallyByCountry.total} > 0`).orderBy(desc(tallyByCountry.total)),
    db.select({ source: pledges.source, pledges: count() }).from(pledges).where(confirmed).groupBy(pledges.source).orderBy(desc(count())),
    db.select({ subscribers: count() }).from(subscribers).where(and(isNotNull(subscribers.email), isNull(subscribers.withdrawnAt))),
    db.select({ status: pledges.status, pledges: count() }).from(pledges).groupBy(pledges.status),
    db
      .select({ mailed: count(), confirmed: sql<number>`coalesce(sum(${pledges.status} = 'confirmed'), 0)` })
      .from(pledges)
      .where(isNotNull(pledges.mailedAt)),
    db
      .select({ due: count() })
      .from(pledges)
      .where(and(eq(pledges.status, 'pending'), isNotNull(pledges.mailDueAt), or(isNull(pledges.mailedAt), lt(pledges.mailedAt, pledges.mailDueAt)))),
    db.select({ queue: deadLetters.queue, messages: count() }).from(deadLetters).groupBy(deadLetters.queue),
  ]);
  const byStatus = new Map(statuses.map((row) => [row.status, row.pledges]));
  const mailedTotal = mailed[0]?.mailed ?? 0;
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
    verification: {
      ...(Object.fromEntries(PLEDGE_STATUSES.map((status) => [status, byStatus.get(status) ?? 0])) as Record<PledgeStatus, number>),
      confirmationRate: mailedTotal === 0 ? 0 : Number(mailed[0]?.confirmed ?? 0) / mailedTotal,
    },
    mail: { backlog: backlog[0]?.due ?? 0, deadLetters: Object.fromEntries(dead.map((row) => [row.queue, row.messages])) },
  };
}
