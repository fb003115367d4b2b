import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per walkaway. No raw email and no IP address: the email is kept only as a keyed hash, which is what makes
 * a pledge unique. The form's idempotency key is not unique: two people on one shared page send the same key, and
 * both must be counted.
 */
export const pledges = sqliteTable(
  'pledges',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    emailHmac: text('email_hmac').notNull().unique(),
    idempotencyKey: text('idempotency_key').notNull(),
    firstName: text('first_name'),
    country: text(),
    /** The share or partner code (`?ref=`) the person came through: for the organisers, never public. */
    source: text(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // The retention clean-up and the organisers' per-day counts look pledges up by date.
  (table) => [index('pledges_created_at_idx').on(table.createdAt)],
);

/** Only people who ticked "send me campaign updates". Withdrawing consent deletes the email. */
export const subscribers = sqliteTable('subscribers', {
  pledgeId: integer('pledge_id')
    .primaryKey()
    .references(() => pledges.id, { onDelete: 'cascade' }),
  email: text(),
  consentedAt: integer('consented_at', { mode: 'timestamp_ms' }).notNull(),
  consentVersion: text('consent_version').notNull(),
  withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
});

/** The public count, one row kept by triggers on `pledges`: reading it never scans the pledges. */
export const tally = sqliteTable(
  'tally',
  {
    id: integer().primaryKey(),
    total: integer().notNull().default(0),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [check('tally_single_row', sql`${table.id} = 1`)],
);

export const tallyByCountry = sqliteTable('tally_by_country', {
  country: text().primaryKey(),
  total: integer().notNull().default(0),
});

/** Where a story sent through /speak-out stands: new, taken up as an MDX draft by an editor, or declined. */
export const SUBMISSION_STATUSES = ['new', 'drafted', 'declined'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * Stories sent through /speak-out. What the person wrote (the story, the name to credit, the content warning, the
 * email) is sealed with SUBMISSION_KEY (src/lib/security/seal.ts): a dump of this table alone reveals none of it.
 * No IP address, no user agent. Unpublished ones are deleted after STORY_RETENTION_DAYS.
 */
export const submissions = sqliteTable(
  'submissions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** A keyed fingerprint of the form's key and the story: a form sent twice is one submission, a second story is two. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    story: text().notNull(),
    /** How to credit the writer: anonymous, initials or first-name (the name itself is in `credit_name`). */
    credit: text().notNull(),
    creditName: text('credit_name'),
    /** survivor, friend-or-family, advocate, bystander or other. */
    relationship: text().notNull(),
    country: text(),
    contentWarning: text('content_warning'),
    /** Only when the writer wants an editor to be able to reach them. */
    email: text(),
    /** The consent wording's version and the language it was read in (`2026-11-29/es`). */
    consentVersion: text('consent_version').notNull(),
    status: text().$type<SubmissionStatus>().notNull().default('new'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    check('submissions_status', sql`${table.status} in ('new', 'drafted', 'declined')`),
    // The retention clean-up looks submissions up by status and age.
    index('submissions_status_created_at_idx').on(table.status, table.createdAt),
  ],
);
