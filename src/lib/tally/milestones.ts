import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { tally } from '../db/schema.ts';

/**
 * The goal shown beside a count: the first milestone above it, then doubling past the last milestone.
 * Derived from the total alone, so the goal only ever moves forward as the count grows.
 */
export function nextMilestone(total: number, milestones: readonly number[]): number {
  const next = milestones.find((milestone) => milestone > total);
  if (next !== undefined) return next;
  let goal = milestones.at(-1) ?? 1;
  while (goal <= total) goal *= 2;
  return goal;
}

/** The milestones a public total has reached that `reached` (value → when) does not record yet. */
export const unrecordedMilestones = (total: number, milestones: readonly number[], reached: Readonly<Record<string, string>>) =>
  milestones.filter((value) => value <= total && !(String(value) in reached));

/**
 * Records when the public total (online and on paper) first reached each of `candidates`, in one batch: a milestone
 * is recorded only while the total is at or above it and only if it is not recorded yet, so the first write that
 * moves the total across it sets the time, nothing changes it after, and it is kept if the count falls again. Writes
 * nothing when there is no candidate.
 */
export async function recordMilestones(db: Database, candidates: readonly number[], now: Date): Promise<void> {
  const [first, ...rest] = candidates.map((value) => {
    const key = `$."${value}"`;
    return db
      .update(tally)
      .set({ milestones: sql`json_set(${tally.milestones}, ${key}, ${now.getTime()})` })
      .where(sql`${tally.id} = 1 and ${tally.total} + ${tally.offline} >= ${value} and json_type(${tally.milestones}, ${key}) is null`);
  });
  if (first) await db.batch([first, ...rest]);
}
