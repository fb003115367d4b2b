import { and, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pledges, type SubmissionStatus, submissions } from '../db/schema.ts';

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

/** The stories no editor took up (new, declined, or flagged by the form's trap), kept for STORY_RETENTION_DAYS. */
export const UNTAKEN_STORIES: readonly SubmissionStatus[] = ['new', 'declined', 'flagged'];

/**
 * Deletes the stories sent through /speak-out with one of `statuses` that are older than `cutoff`: untaken ones after
 * STORY_RETENTION_DAYS, drafted ones after DRAFTED_STORY_RETENTION_DAYS. Returns how many were deleted.
 */
export async function deleteOldStories(db: Database, statuses: readonly SubmissionStatus[], cutoff: Date): Promise<number> {
  const result = await db.delete(submissions).where(and(lt(submissions.createdAt, cutoff), inArray(submissions.status, [...statuses])));
  return result.rowsAffected;
}
