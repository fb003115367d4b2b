import { and, count, desc, eq, gte, isNotNull, isNull, lt, or, sql, sum } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type DayCounts, readIntegrityDays, readLastRecount } from '../integrity/integrity-counts.ts';
import { daysEnding, isoDay } from '../utc-days.ts';
import { deadLetters, offlinePledges, PLEDGE_STATUSES, type PledgeStatus, pledges, subscribers, tally, tallyByCountry } from '../db/schema.ts';

/** The key for pledges that came without a share code. */
export const NO_SOURCE = '(none)';

/** A partner's walkaways: confirmed online pledges that came with its code, paper ones it collected, and both. */
export interface PartnerCount {
  name: string;
  online: number;
  offline: number;
  total: number;
}

export interface PledgeStats {
  /** The public total: `online` and `offline` together. */
  total: number;
  /** Confirmed pledges made online. */
  online: number;
  /** Paper pledges added with `offline add` and not removed. */
  offline: number;
  /** One entry per day of the period, oldest first, days without pledges included (UTC days). */
  perDay: Array<{ day: string; pledges: number }>;
  /** Every country's exact count, largest first: private numbers, for organisers only. */
  byCountry: Record<string, number>;
  /** Pledges per share code (`?ref=`), largest first; NO_SOURCE for none. */
  bySource: Record<string, number>;
  /** The codes that name a partner (content/partners), with the partner's name and its paper pledges, largest first. */
  partners: Record<string, PartnerCount>;
  /** The codes that name no partner: anyone may make one up. Largest first; NO_SOURCE for none. */
  freeCodes: Record<string, number>;
  /** People who asked for campaign updates and have not withdrawn, and their share of all walkaways. */
  updates: { subscribers: number; share: number };
  /**
   * Pledges by where they stand, and the confirmation rate: of the pledges whose confirmation email went out, the
   * share confirmed (pledges from before confirmation by email are left out of it).
   */
  verification: Record<PledgeStatus, number> & { confirmationRate: number };
  /** Confirmation emails due and not yet sent, and the messages kept from each dead-letter queue. */
  mail: { backlog: number; deadLetters: Record<string, number> };
  /**
   * Today's integrity counters (UTC day), repeats included, exact: the organisers' own. Counts reach the database
   * within a second of the requests they count. Also when the recount last ran and how much it repaired.
   */
  integrity: { day: string } & DayCounts & { lastRecount: { at: string; repaired: number } | null };
}


/** Paper pledges per partner, removed batches left out. */
const offlineByPartner = (db: Database) =>
  db.select({ partner: offlinePledges.partner, pledges: sum(offlinePledges.count) }).from(offlinePledges).where(isNull(offlinePledges.removedAt)).groupBy(offlinePledges.partner);

/** Partners by code, with their online and paper pledges; every partner with a file, pledges or not. */
function partnerCounts(names: ReadonlyMap<string, string>, online: ReadonlyMap<string, number>, offline: ReadonlyMap<string, number>) {
  const counts = [...names].map(([code, name]) => {
    const [fromForm, onPaper] = [online.get(code) ?? 0, offline.get(code) ?? 0];
    return [code, { name, online: fromForm, offline: onPaper, total: fromForm + onPaper }] as const;
  });
  return Object.fromEntries(counts.sort(([, a], [, b]) => b.total - a.total || a.name.localeCompare(b.name)));
}

/** `partners`: each partner's code and name (from content/partners), so that the codes that name one are shown as it. */
export async function pledgeStats(
  db: Database,
  { days, now, partners = new Map() }: { days: number; now: Date; partners?: ReadonlyMap<string, string> },
): Promise<PledgeStats> {
  const period = daysEnding(now, days);
  const day = sql<string>`date(${pledges.createdAt} / 1000, 'unixepoch')`;
  const confirmed = eq(pledges.status, 'confirmed');
  const [totals, perDay, countries, sources, subscribed, statuses, mailed, backlog, dead, paper] = await db.batch([
    db.select({ total: tally.total, offline: tally.offline }).from(tally).where(eq(tally.id, 1)),
    db.select({ day, pledges: count() }).from(pledges).where(and(confirmed, gte(pledges.createdAt, new Date(period[0]!)))).groupBy(day),
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
    offlineByPartner(db),
  ]);
  const byStatus = new Map(statuses.map((row) => [row.status, row.pledges]));
  const mailedTotal = mailed[0]?.mailed ?? 0;
  const [online, offline] = [totals[0]?.total ?? 0, totals[0]?.offline ?? 0];
  const total = online + offline;
  const bySource = Object.fromEntries(sources.map((row) => [row.source ?? NO_SOURCE, row.pledges]));
  const counted = new Map(perDay.map((row) => [row.day, row.pledges]));
  const subscriberCount = subscribed[0]?.subscribers ?? 0;
  return {
    total,
    online,
    offline,
    perDay: period.map((date) => ({ day: date, pledges: counted.get(date) ?? 0 })),
    byCountry: Object.fromEntries(countries.map((row) => [row.country, row.total])),
    bySource,
    partners: partnerCounts(partners, new Map(Object.entries(bySource)), new Map(paper.map((row) => [row.partner, Number(row.pledges ?? 0)]))),
    freeCodes: Object.fromEntries(Object.entries(bySource).filter(([code]) => !partners.has(code))),
    updates: { subscribers: subscriberCount, share: total === 0 ? 0 : subscriberCount / total },
    verification: {
      ...(Object.fromEntries(PLEDGE_STATUSES.map((status) => [status, byStatus.get(status) ?? 0])) as Record<PledgeStatus, number>),
      confirmationRate: mailedTotal === 0 ? 0 : Number(mailed[0]?.confirmed ?? 0) / mailedTotal,
    },
    mail: { backlog: backlog[0]?.due ?? 0, deadLetters: Object.fromEntries(dead.map((row) => [row.queue, row.messages])) },
    integrity: { ...(await readIntegrityDays(db, { lastDay: isoDay(now), days: 1 }))[0]!, lastRecount: await readLastRecount(db) },
  };
}

/** One partner's own numbers, for the organisers to send it: nothing in them that another partner could not see. */
export interface PartnerStats {
  partner: { code: string; name: string };
  /** `online` and `offline` together. */
  total: number;
  /** Confirmed pledges made with the partner's code (its frame, its links). */
  online: number;
  /** Paper pledges the partner collected, removed batches left out. */
  offline: number;
  /** One entry per day of the period, oldest first (UTC days): online pledges by the day they were made, paper ones by the day collected. */
  perDay: Array<{ day: string; online: number; offline: number }>;
  /** Online pledges by country, only countries with at least `threshold`: a smaller number could point to a person. */
  byCountry: Record<string, number>;
}

export async function partnerStats(
  db: Database,
  { partner, days, now, threshold }: { partner: { code: string; name: string }; days: number; now: Date; threshold: number },
): Promise<PartnerStats> {
  const period = daysEnding(now, days);
  const day = sql<string>`date(${pledges.createdAt} / 1000, 'unixepoch')`;
  const theirs = and(eq(pledges.status, 'confirmed'), eq(pledges.source, partner.code));
  const kept = and(eq(offlinePledges.partner, partner.code), isNull(offlinePledges.removedAt));
  const [online, offline, onlinePerDay, offlinePerDay, countries] = await db.batch([
    db.select({ pledges: count() }).from(pledges).where(theirs),
    db.select({ pledges: sum(offlinePledges.count) }).from(offlinePledges).where(kept),
    db.select({ day, pledges: count() }).from(pledges).where(and(theirs, gte(pledges.createdAt, new Date(period[0]!)))).groupBy(day),
    db
      .select({ day: offlinePledges.collectedOn, pledges: sum(offlinePledges.count) })
      .from(offlinePledges)
      .where(and(kept, gte(offlinePledges.collectedOn, period[0]!)))
      .groupBy(offlinePledges.collectedOn),
    db
      .select({ country: pledges.country, pledges: count() })
      .from(pledges)
      .where(and(theirs, isNotNull(pledges.country)))
      .groupBy(pledges.country)
      .having(gte(count(), threshold))
      .orderBy(desc(count())),
  ]);
  const [onlineTotal, offlineTotal] = [online[0]?.pledges ?? 0, Number(offline[0]?.pledges ?? 0)];
  const [onlineDays, offlineDays] = [new Map(onlinePerDay.map((row) => [row.day, row.pledges])), new Map(offlinePerDay.map((row) => [row.day, Number(row.pledges ?? 0)]))];
  return {
    partner,
    total: onlineTotal + offlineTotal,
    online: onlineTotal,
    offline: offlineTotal,
    perDay: period.map((date) => ({ day: date, online: onlineDays.get(date) ?? 0, offline: offlineDays.get(date) ?? 0 })),
    byCountry: Object.fromEntries(countries.map((row) => [row.country!, row.pledges])),
  };
}
