// The editors' side of /speak-out, for the organisers' command line: list without reading, open one, mark, erase.
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type SubmissionStatus, submissions } from '../db/schema.ts';
import { consentLanguage } from '../forms/consent.ts';
import type { Locale } from '../../i18n/locales.ts';
import { type SealingKeys, unseal } from '../security/seal.ts';

export interface StorySummary {
  id: number;
  createdAt: Date;
  relationship: string;
  country: string | null;
  /** The story's length in characters: the text itself is never listed. */
  length: number;
  status: SubmissionStatus;
}

export interface OpenedStory extends StorySummary {
  story: string;
  credit: string;
  creditName: string | null;
  contentWarning: string | null;
  email: string | null;
  consentVersion: string;
  /** The language the story was sent in. */
  lang: Locale;
}

type Row = typeof submissions.$inferSelect;

async function open(row: Row, keys: SealingKeys): Promise<OpenedStory> {
  const unsealed = (value: string | null, field: string) => (value === null ? null : unseal(keys, value, field));
  const story = await unseal(keys, row.story, 'story');
  return {
    id: row.id,
    createdAt: row.createdAt,
    relationship: row.relationship,
    country: row.country,
    length: story.length,
    status: row.status,
    story,
    credit: row.credit,
    creditName: await unsealed(row.creditName, 'creditName'),
    contentWarning: await unsealed(row.contentWarning, 'contentWarning'),
    email: await unsealed(row.email, 'email'),
    consentVersion: row.consentVersion,
    lang: consentLanguage(row.consentVersion),
  };
}

/** Every submission, oldest first, without what anyone wrote (only the story's length, which needs the key). */
export async function listStories(db: Database, keys: SealingKeys): Promise<StorySummary[]> {
  const rows = await db.select().from(submissions).orderBy(asc(submissions.id));
  return Promise.all(
    rows.map(async (row) => {
      const { id, createdAt, relationship, country, length, status } = await open(row, keys);
      return { id, createdAt, relationship, country, length, status };
    }),
  );
}

/** One submission, unsealed; undefined when there is none with that id. */
export async function openStory(db: Database, keys: SealingKeys, id: number): Promise<OpenedStory | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return row && open(row, keys);
}

/** Marks a submission drafted or declined; false when there is none with that id. */
export async function markStory(db: Database, id: number, status: SubmissionStatus): Promise<boolean> {
  return (await db.update(submissions).set({ status }).where(eq(submissions.id, id))).rowsAffected > 0;
}

/** Erases a submission at once; false when there is none with that id. */
export async function deleteStory(db: Database, id: number): Promise<boolean> {
  return (await db.delete(submissions).where(eq(submissions.id, id))).rowsAffected > 0;
}
