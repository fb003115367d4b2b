import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { offlinePledges } from '../db/schema.ts';
import { DAY_MS, isoDay } from '../utc-days.ts';

/** The most paper pledges one batch may hold: a larger number is a typing mistake, not an event. */
export const MAX_OFFLINE_BATCH = 100_000;
const MAX_NOTE = 500;
const MAX_BY = 64;
/** Controls, bidirectional overrides and other invisible characters: a note is printed back in a terminal. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export interface OfflineBatch {
  partner: string;
  count: number;
  /** The day the pledges were collected, YYYY-MM-DD. */
  collectedOn: string;
  note: string | null;
  /** Who added it (`--by`, the system's user name by default). */
  by: string;
}

export type OfflineBatchRow = typeof offlinePledges.$inferSelect;

/**
 * What is wrong with a batch of paper pledges, one message per field, or nothing. `partners` are the codes of the
 * partner files: paper pledges are always some partner's. The day may be tomorrow in UTC (an organiser ahead of UTC),
 * never later.
 */
export function offlineBatchProblems(
  input: { partner: string; count: string; date: string; note?: string | undefined; by: string },
  { partners, now }: { partners: ReadonlySet<string>; now: Date },
): string[] {
  const problems: string[] = [];
  if (!partners.has(input.partner)) {
    problems.push(`--partner: "${printable(input.partner)}" is not a partner: give the name of a file in content/partners (${[...partners].sort().join(', ') || 'there are none yet'})`);
  }
  const count = Number(input.count);
  if (!/^[1-9][0-9]*$/.test(input.count) || count > MAX_OFFLINE_BATCH) problems.push(`--count: give a whole number from 1 to ${MAX_OFFLINE_BATCH.toLocaleString('en-GB')}`);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(input.date) ? Date.parse(`${input.date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(day) || isoDay(day) !== input.date) problems.push('--date: give the day the pledges were collected as YYYY-MM-DD');
  else if (day > now.getTime() + DAY_MS) problems.push('--date: the day is in the future');
  if (input.note !== undefined && (input.note.length > MAX_NOTE || UNPRINTABLE.test(input.note))) {
    problems.push(`--note: at most ${MAX_NOTE} characters, on one line, with no control or invisible characters`);
  }
  const by = byProblem(input.by);
  if (by) problems.push(by);
  return problems;
}

/** What is wrong with `--by`, the name a change is kept with, or undefined. */
export function byProblem(by: string): string | undefined {
  if (by.trim() === '' || by.length > MAX_BY || UNPRINTABLE.test(by)) return `--by: give who is making the change, at most ${MAX_BY} characters, on one line`;
  return undefined;
}

/** Text from the database for a terminal: anything unprintable shown as `?`, so a stored note cannot move the cursor. */
export const printable = (text: string) => text.replace(new RegExp(UNPRINTABLE, 'gu'), '?');

/** Adds a batch; the tally's `offline` grows with it (a trigger, in the same statement). */
export async function addOfflinePledges(db: Database, batch: OfflineBatch, now: Date): Promise<OfflineBatchRow> {
  const [row] = await db
    .insert(offlinePledges)
    .values({ partner: batch.partner, count: batch.count, collectedOn: batch.collectedOn, note: batch.note, addedBy: batch.by.trim(), addedAt: now })
    .returning();
  return row!;
}

/** Every batch, newest first, removed ones included (they are kept, marked, with who removed them and when). */
export function listOfflinePledges(db: Database, { partner }: { partner?: string | undefined } = {}): Promise<OfflineBatchRow[]> {
  return db
    .select()
    .from(offlinePledges)
    .where(partner ? eq(offlinePledges.partner, partner) : undefined)
    .orderBy(desc(offlinePledges.id));
}

/**
 * Marks a batch removed: it stops counting (a trigger takes its count out of the tally) and stays in the table with
 * who removed it and when. Undefined when there is no such batch; a batch removed before is left as it was.
 */
export async function removeOfflinePledges(
  db: Database,
  id: number,
  { by, now }: { by: string; now: Date },
): Promise<{ batch: OfflineBatchRow; alreadyRemoved: boolean } | undefined> {
  const [removed] = await db
    .update(offlinePledges)
    .set({ removedBy: by.trim(), removedAt: now })
    .where(and(eq(offlinePledges.id, id), isNull(offlinePledges.removedAt)))
    .returning();
  if (removed) return { batch: removed, alreadyRemoved: false };
  const [existing] = await db.select().from(offlinePledges).where(eq(offlinePledges.id, id));
  return existing && { batch: existing, alreadyRemoved: true };
}
