import { and, isNotNull, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pledges } from '../db/schema.ts';

const DAY_MS = 86_400_000;

/** The moment before which first names are no longer kept. */
export const retentionCutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/**
 * Removes the first names of pledges older than the retention period. The pledges themselves stay and keep counting.
 * Returns how many names were removed.
 */
export async function removeOldFirstNames(db: Database, cutoff: Date): Promise<number> {
  const result = await db
    .update(pledges)
    .set({ firstName: null })
    .where(and(lt(pledges.createdAt, cutoff), isNotNull(pledges.firstName)));
  return result.rowsAffected;
}
