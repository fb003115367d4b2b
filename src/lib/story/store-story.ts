import type { Database } from '../db/client.ts';
import { submissions } from '../db/schema.ts';
import { consentWording } from '../forms/consent.ts';
import { fingerprint, type SealingKeys, seal } from '../security/seal.ts';
import type { Story } from './validate.ts';

export type StoryRow = typeof submissions.$inferInsert;

export interface SealDeps {
  keys: SealingKeys;
  now: () => Date;
  /** The version of the consent wording shown next to the box (the same in every language). */
  consentVersion: string;
}

/** A submission as the table holds it: what the person wrote sealed, field by field; the rest as chosen. */
export async function sealStory(submission: Story, { keys, now, consentVersion }: SealDeps): Promise<StoryRow> {
  const sealed = (value: string | null, field: string) => (value === null ? null : seal(keys, value, field));
  return {
    dedupeKey: await fingerprint(keys, `${submission.idempotencyKey}\n${submission.story}`),
    story: await seal(keys, submission.story, 'story'),
    credit: submission.credit,
    creditName: await sealed(submission.creditName, 'creditName'),
    relationship: submission.relationship,
    country: submission.country,
    contentWarning: await sealed(submission.contentWarning, 'contentWarning'),
    email: await sealed(submission.email, 'email'),
    consentVersion: consentWording(consentVersion, submission.locale),
    status: 'new',
    createdAt: now(),
  };
}

/** Stores a submission once: the same form sent again (a double click, a retry) changes nothing. */
export async function storeStory(db: Database, row: StoryRow): Promise<void> {
  await db.insert(submissions).values(row).onConflictDoNothing({ target: submissions.dedupeKey });
}
