import { and, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { deadLetters, emailSends, pledges, type SubmissionStatus, submissions } from '../db/schema.ts';
import { minuteOf } from '../pledge/confirmation-mail-queue.ts';
import { DAY_MS } from '../utc-days.ts';

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

/**
 * Deletes the pledges still waiting for their confirmation whose last confirmation email was asked for before
 * `cutoff` (PENDING_PLEDGE_DAYS): nobody confirmed them, and their confirm links no longer work. They never counted,
 * so the tally does not move. Returns how many were deleted.
 */
export async function deleteExpiredPendingPledges(db: Database, cutoff: Date): Promise<number> {
  const result = await db
    .delete(pledges)
    .where(and(eq(pledges.status, 'pending'), or(lt(pledges.mailDueAt, cutoff), and(isNull(pledges.mailDueAt), lt(pledges.createdAt, cutoff)))));
  return result.rowsAffected;
}

/**
 * Deletes the per-minute sending counts older than an hour (only the current minute's is read) and the dead letters
 * older than `deadLetterCutoff`. Returns how many dead letters were deleted.
 */
export async function deleteOldMailRecords(db: Database, now: Date, deadLetterCutoff: Date): Promise<number> {
  const [, deleted] = await db.batch([
    db.delete(emailSends).where(lt(emailSends.minute, minuteOf(now) - 60)),
    db.delete(deadLetters).where(lt(deadLetters.failedAt, deadLetterCutoff)),
  ]);
  return deleted.rowsAffected;
}
