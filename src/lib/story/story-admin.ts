// The editors' side of /speak-out, for the organisers' command line: list without reading, open one, mark, reseal,
// erase. Opening needs an editor's identity; rows from before the editors' keys need the retired SUBMISSION_KEY.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type SubmissionStatus, submissions } from '../db/schema.ts';
import { consentLanguage } from '../forms/consent.ts';
import type { Locale } from '../../i18n/locales.ts';
import { type SealingKeys, unseal } from './legacy-seal.ts';
import { openStoryContent, sealStoryContent, type StoryContent } from './seal-story.ts';

export interface StorySummary {
  id: number;
  createdAt: Date;
  relationship: string;
  country: string | null;
  /** The story's length in characters (the text itself is never listed); undefined when these keys do not open it. */
  length: number | undefined;
  status: SubmissionStatus;
}

export interface OpenedStory extends StorySummary, StoryContent {
  length: number;
  credit: string;
  consentVersion: string;
  /** The language the story was sent in. */
  lang: Locale;
}

/** What opens sealed stories: the editor's identities, and for rows sealed before them, the retired key. */
export interface EditorKeys {
  identities: readonly string[];
  legacy?: SealingKeys | undefined;
}

type Row = typeof submissions.$inferSelect;

async function openLegacy(row: Row, legacy: SealingKeys | undefined): Promise<StoryContent> {
  if (!legacy) throw new Error(`submission ${row.id} was sealed with SUBMISSION_KEY before the editors' keys: run \`submissions reseal\` with it`);
  const unsealed = (value: string | null, field: string) => (value === null ? null : unseal(legacy, value, field));
  return {
    story: await unseal(legacy, row.story ?? '', 'story'),
    creditName: await unsealed(row.creditName, 'creditName'),
    contentWarning: await unsealed(row.contentWarning, 'contentWarning'),
    email: await unsealed(row.email, 'email'),
  };
}

/** What the writer wrote: from the editors' envelope, or for a row sealed before the editors' keys (no envelope), the legacy fields. */
const contentOf = (row: Row, keys: EditorKeys) =>
  row.sealed === null ? openLegacy(row, keys.legacy) : openStoryContent(row.sealed, { identities: keys.identities, row: row.sealId });

async function open(row: Row, keys: EditorKeys): Promise<OpenedStory> {
  const content = await contentOf(row, keys);
  return {
    id: row.id,
    createdAt: row.createdAt,
    relationship: row.relationship,
    country: row.country,
    length: content.story.length,
    status: row.status,
    ...content,
    credit: row.credit,
    consentVersion: row.consentVersion,
    lang: consentLanguage(row.consentVersion),
  };
}

/**
 * Every submission, oldest first, without what anyone wrote: only the story's length, which needs a key, so a row
 * these keys do not open (sealed to other editors, or from before the editors' keys) is listed without it.
 */
export async function listStories(db: Database, keys: EditorKeys): Promise<StorySummary[]> {
  const rows = await db.select().from(submissions).orderBy(asc(submissions.id));
  return Promise.all(
    rows.map(async (row) => {
      const length = await contentOf(row, keys).then(
        (content) => content.story.length,
        () => undefined,
      );
      return { id: row.id, createdAt: row.createdAt, relationship: row.relationship, country: row.country, length, status: row.status };
    }),
  );
}

/** One submission, unsealed; undefined when there is none with that id. */
export async function openStory(db: Database, keys: EditorKeys, id: number): Promise<OpenedStory | undefined> {
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

/**
 * Seals every submission again to `recipients`, the editors there are now, each row in its own statement: opened
 * with the editor's identity, or for a row from before the editors' keys with the retired SUBMISSION_KEY, whose
 * fields are then cleared. Returns how many rows were resealed and how many of them were legacy ones.
 */
export async function resealStories(db: Database, keys: EditorKeys, recipients: readonly string[]): Promise<{ resealed: number; legacy: number }> {
  const rows = await db.select().from(submissions).orderBy(asc(submissions.id));
  let legacy = 0;
  for (const row of rows) {
    const content = await contentOf(row, keys);
    const sealId = crypto.randomUUID();
    const sealed = await sealStoryContent(content, { recipients, row: sealId });
    // Only the row as it was read: a story resent meanwhile keeps its newer envelope.
    const unchanged = row.sealed === null ? isNull(submissions.sealed) : eq(submissions.sealed, row.sealed);
    await db
      .update(submissions)
      .set({ sealId, sealed, story: null, creditName: null, contentWarning: null, email: null })
      .where(and(eq(submissions.id, row.id), unchanged));
    if (row.sealed === null) legacy += 1;
  }
  return { resealed: rows.length, legacy };
}
