import { gte, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type SubmissionStatus, submissions } from '../db/schema.ts';
import { consentWording } from '../forms/consent.ts';
import { keyedHash } from '../security/purpose-keys.ts';
import { sealStoryContent } from './seal-story.ts';
import type { Story } from './validate.ts';
import { DAY_MS } from '../utc-days.ts';

export type StoryRow = typeof submissions.$inferInsert;

/** The day a moment falls in (midnight UTC): stories are dated to the day, never to the millisecond. */
export const dayOf = (moment: Date) => new Date(Math.floor(moment.getTime() / DAY_MS) * DAY_MS);

export interface SealDeps {
  /** The editors' public keys (STORY_RECIPIENTS). */
  recipients: readonly string[];
  /** PLEDGE_HMAC_SECRET: its story-form key fingerprints the form, so a resend finds what it sent before. */
  hmacSecret: string;
  now: () => Date;
  /** The version of the consent wording shown next to the box (the same in every language). */
  consentVersion: string;
  /** `flagged` when the form came with its trap field filled in: kept for an editor to look at, not dropped. */
  status?: SubmissionStatus;
}

/** A form's fingerprint: the same form sent again (a double click, a retry, a correction) has the same one. */
export const formFingerprint = (hmacSecret: string, idempotencyKey: string) => keyedHash(hmacSecret, 'story-form', idempotencyKey);

/** A story as the table holds it: what the person wrote in one envelope sealed to the editors, the rest as chosen. */
export async function sealStory(sent: Story, { recipients, hmacSecret, now, consentVersion, status = 'new' }: SealDeps): Promise<StoryRow> {
  const sealId = crypto.randomUUID();
  const { story, creditName, contentWarning, email } = sent;
  return {
    dedupeKey: await formFingerprint(hmacSecret, sent.idempotencyKey),
    sealId,
    sealed: await sealStoryContent({ story, creditName, contentWarning, email }, { recipients, row: sealId }),
    credit: sent.credit,
    relationship: sent.relationship,
    country: sent.country,
    consentVersion: consentWording(consentVersion, sent.locale),
    status,
    createdAt: dayOf(now()),
  };
}

/**
 * Stores a story. The same form sent again (a retry, or the writer changing the credit or taking their email out)
 * replaces what it sent before, so the row holds the last send, never the first one silently; but only while no
 * editor has taken the story up (`new` or `flagged`) and within a day of the first send. After that, a send with the
 * same form's key (which only the writer's browser had) changes nothing: a drafted or declined story cannot be
 * rewritten, nor its contact address swapped, by whoever later gets hold of the form. A send caught by the trap
 * field can flag a story, never unflag one.
 */
export async function storeStory(db: Database, row: StoryRow): Promise<void> {
  await db
    .insert(submissions)
    .values(row)
    .onConflictDoUpdate({
      target: submissions.dedupeKey,
      set: {
        sealId: sql`excluded.seal_id`,
        sealed: sql`excluded.sealed`,
        credit: sql`excluded.credit`,
        relationship: sql`excluded.relationship`,
        country: sql`excluded.country`,
        consentVersion: sql`excluded.consent_version`,
        status: sql`CASE WHEN excluded.status = 'flagged' THEN 'flagged' ELSE ${submissions.status} END`,
      },
      setWhere: sql`${inArray(submissions.status, ['new', 'flagged'])} AND ${gte(submissions.createdAt, new Date(row.createdAt.getTime() - DAY_MS))}`,
    });
}
