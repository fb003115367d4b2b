import { and, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pledges, submissions } from '../db/schema.ts';

const DAY_MS = 86_400_000;

/** The moment before which something kept for `days` is no longer kept. */
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

/**
 * Deletes the stories sent through /speak-out that no editor took up (new or declined) and that are older than the
 * retention period. A drafted one stays until an editor deletes it. Returns how many were deleted.
 */
export async function deleteOldStories(db: Database, cutoff: Date): Promise<number> {
  const result = await db
    .delete(submissions)
    .where(and(lt(submissions.createdAt, cutoff), inArray(submissions.status, ['new', 'declined'])));
  return result.rowsAffected;
}
