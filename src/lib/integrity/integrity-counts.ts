import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { integrityDaily, tally } from '../db/schema.ts';
import { daysEnding } from '../utc-days.ts';

/**
 * What the integrity counters count, per UTC day: pledges received (every pledge that passed the checks, new or a
 * repeat), repeats recognised, refused by validation (or the trap field), refused by Turnstile, rate-limited, queued
 * while the database did not answer, confirmed from the inbox and withdrawn.
 */
export const INTEGRITY_KINDS = ['received', 'repeats', 'invalid', 'humanCheck', 'rateLimited', 'queued', 'confirmed', 'withdrawn'] as const;
export type IntegrityKind = (typeof INTEGRITY_KINDS)[number];

/**
 * What the public sees: every kind but `repeats`. A same-day count of repeats would tell a prober whether the address
 * they just sent had pledged before; `received` holds new pledges and repeats together.
 */
export const PUBLIC_INTEGRITY_KINDS = INTEGRITY_KINDS.filter((kind) => kind !== 'repeats');

export type DayCounts = Record<IntegrityKind, number>;

const noCounts = (): DayCounts => Object.fromEntries(INTEGRITY_KINDS.map((kind) => [kind, 0])) as DayCounts;

/** Adds counts (day → kind → number) to the daily rows, in one batch: one write, however many requests they count. */
export async function addIntegrityCounts(db: Database, counts: ReadonlyMap<string, Partial<DayCounts>>): Promise<void> {
  const rows = [...counts].flatMap(([day, kinds]) => Object.entries(kinds).flatMap(([kind, count]) => (count ? [{ day, kind, count }] : [])));
  if (rows.length === 0) return;
  await db
    .insert(integrityDaily)
    .values(rows)
    .onConflictDoUpdate({ target: [integrityDaily.day, integrityDaily.kind], set: { count: sql`${integrityDaily.count} + excluded.count` } });
}

/** The counts of the `days` days up to and including `lastDay`, oldest first, days without counts as zeros. */
export async function readIntegrityDays(db: Database, { lastDay, days }: { lastDay: string; days: number }): Promise<Array<{ day: string } & DayCounts>> {
  const period = daysEnding(Date.parse(`${lastDay}T00:00:00Z`), days);
  const rows = await db
    .select()
    .from(integrityDaily)
    .where(and(gte(integrityDaily.day, period[0]!), lte(integrityDaily.day, lastDay)));
  const byDay = new Map<string, DayCounts>();
  for (const { day, kind, count } of rows) {
    if ((INTEGRITY_KINDS as readonly string[]).includes(kind)) (byDay.get(day) ?? byDay.set(day, noCounts()).get(day)!)[kind as IntegrityKind] = count;
  }
  return period.map((day) => ({ day, ...(byDay.get(day) ?? noCounts()) }));
}

/** When the recount last ran and by how much it changed the public total. */
export async function readLastRecount(db: Database): Promise<{ at: string; repaired: number } | null> {
  const [row] = await db.select({ at: tally.recountedAt, repaired: tally.recountRepaired }).from(tally).where(eq(tally.id, 1));
  return row?.at ? { at: row.at.toISOString(), repaired: row.repaired ?? 0 } : null;
}
