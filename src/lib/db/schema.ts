import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Where a pledge stands: pending (waiting for its confirmation from the inbox), confirmed (counted), or withdrawn
 * ("this wasn't me", or the person took it back: kept as the email's hash alone, so that it is never mailed unasked).
 */
export const PLEDGE_STATUSES = ['pending', 'confirmed', 'withdrawn'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/**
 * One row per person who pledged. No raw email and no IP address: the email is kept only as a keyed hash, which is
 * what makes a pledge unique. The form's idempotency key is not unique: two people on one shared page send the same
 * key, and both must be counted. Only confirmed rows count (the tally triggers, migration 0009).
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
    /** Rows that existed before confirmation by email count as confirmed (migration 0009). */
    status: text().$type<PledgeStatus>().notNull().default('confirmed'),
    /** The language of the pledge form: the confirmation email is written in it. */
    locale: text(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    /** When "this wasn't me" withdrew it: for a week after, a pledge with the address changes nothing and sends nothing. */
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
    /** When the last confirmation email was asked for: at most one every 10 minutes; pending rows expire from it. */
    mailDueAt: integer('mail_due_at', { mode: 'timestamp_ms' }),
    /** When the last confirmation email was handed to the sender; a mail is due while this is older than mailDueAt. */
    mailedAt: integer('mailed_at', { mode: 'timestamp_ms' }),
    /**
     * The address and consent wording of a pending pledge that asked for updates: the subscriber row is written from
     * them only on confirmation, and they are cleared then, on withdrawal and when the pending pledge expires.
     */
    updatesEmail: text('updates_email'),
    updatesConsentVersion: text('updates_consent_version'),
  },
  (table) => [
    // The retention clean-up and the organisers' per-day counts look pledges up by date.
    index('pledges_created_at_idx').on(table.createdAt),
    // The scheduled job deletes pending pledges by age.
    index('pledges_status_mail_due_at_idx').on(table.status, table.mailDueAt),
  ],
);

/**
 * Confirmation emails handed to the sender, per minute: the queue's consumer keeps to EMAIL_RATE_PER_MINUTE with it,
 * whichever isolate sends. Rows older than an hour are deleted by the scheduled job. No address, no pledge: counts.
 */
export const emailSends = sqliteTable('email_sends', {
  minute: integer().primaryKey(),
  sent: integer().notNull(),
});

/**
 * Messages that failed every delivery and reached a dead-letter queue: kept for the organisers (`stats` counts them)
 * with what they carried, then deleted by the scheduled job after the pending period.
 */
export const deadLetters = sqliteTable('dead_letters', {
  id: integer().primaryKey({ autoIncrement: true }),
  queue: text().notNull(),
  body: text().notNull(),
  failedAt: integer('failed_at', { mode: 'timestamp_ms' }).notNull(),
});

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

/**
 * The public count, one row kept by triggers: `total` (confirmed pledges made online, triggers on `pledges`) and
 * `offline` (paper pledges not removed, triggers on `offline_pledges`). Reading it never scans either table; the
 * public total is the two together.
 */
export const tally = sqliteTable(
  'tally',
  {
    id: integer().primaryKey(),
    total: integer().notNull().default(0),
    offline: integer().notNull().default(0),
    /**
     * When the public total first reached each milestone, as JSON `{"1000": <ms>}`: written once per milestone by the
     * first write that moves the total across it (src/lib/tally/milestones.ts), kept if the count falls again.
     */
    milestones: text().notNull().default('{}'),
    /** When the recount last ran, and by how much it changed the public total (0 when it found nothing to repair). */
    recountedAt: integer('recounted_at', { mode: 'timestamp_ms' }),
    recountRepaired: integer('recount_repaired'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [check('tally_single_row', sql`${table.id} = 1`)],
);

export const tallyByCountry = sqliteTable('tally_by_country', {
  country: text().primaryKey(),
  total: integer().notNull().default(0),
});

/**
 * The counts by country the public sees: copied from `tally_by_country` by the scheduled job, so that a country's
 * figure changes at most once a period and never with a single pledge. A country under the small-country threshold
 * is not copied at all.
 */
export const publishedCountries = sqliteTable('published_countries', {
  country: text().primaryKey(),
  total: integer().notNull(),
});

/**
 * Where a story sent through /speak-out stands: new, taken up as a draft by an editor, declined, or flagged (it came
 * with the form's trap field filled in: kept for an editor to look at, since a person's browser may have filled it).
 */
export const SUBMISSION_STATUSES = ['new', 'drafted', 'declined', 'flagged'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * Stories sent through /speak-out. What the person wrote (the story, the name to credit, the content warning, the
 * email) is one age envelope in `sealed`, sealed to the editors' public keys (src/lib/story/seal-story.ts): the worker
 * can seal but never open it, and a dump of this table reveals none of it. No IP address, no user agent, the date to
 * the day. Rows sent before the editors' keys existed hold the same fields AES-sealed with SUBMISSION_KEY in the
 * legacy columns until `submissions reseal` moves them into `sealed`. Deleted after their retention periods.
 */
export const submissions = sqliteTable(
  'submissions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** A keyed fingerprint of the form's key: the same form sent again replaces what it sent before. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** A random id, also inside the sealed envelope: an envelope moved to another row does not open as that row's. */
    sealId: text('seal_id'),
    /** The age envelope (ASCII armour) of everything the writer wrote; null only in legacy rows. */
    sealed: text(),
    /** Legacy: the story, AES-sealed with SUBMISSION_KEY; null once resealed and in every new row. */
    story: text(),
    /** How to credit the writer: anonymous, initials or first-name (the name itself is sealed). */
    credit: text().notNull(),
    /** Legacy, like `story`. */
    creditName: text('credit_name'),
    /** survivor, friend-or-family, advocate, bystander or other. */
    relationship: text().notNull(),
    country: text(),
    /** Legacy, like `story`. */
    contentWarning: text('content_warning'),
    /** Legacy, like `story`. */
    email: text(),
    /** The consent wording's version and the language it was read in (`2026-11-29/es`). */
    consentVersion: text('consent_version').notNull(),
    status: text().$type<SubmissionStatus>().notNull().default('new'),
    /** The day it was sent (midnight UTC): a finer time could tie a story to a moment, and so to a person. */
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    check('submissions_status', sql`${table.status} in ('new', 'drafted', 'declined', 'flagged')`),
    // The retention clean-up looks submissions up by status and age.
    index('submissions_status_created_at_idx').on(table.status, table.createdAt),
  ],
);

/**
 * Pledges a partner collected on paper (at an event, on a stall), added by an organiser as one count per sheet or
 * event: `npm run walkaway -- offline add`. No names, no addresses: a number, a partner, a day. Never deleted: removing
 * a batch marks it removed, so every change keeps who made it and when. They count in the public total (the tally's
 * `offline`), never in a country.
 */
export const offlinePledges = sqliteTable(
  'offline_pledges',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The partner's code (its file's name in content/partners). */
    partner: text().notNull(),
    count: integer().notNull(),
    /** The day the pledges were collected, YYYY-MM-DD. */
    collectedOn: text('collected_on').notNull(),
    note: text(),
    addedBy: text('added_by').notNull(),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
    removedBy: text('removed_by'),
    removedAt: integer('removed_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    check('offline_pledges_count', sql`${table.count} > 0`),
    index('offline_pledges_partner_idx').on(table.partner),
  ],
);

/**
 * The integrity counters (src/lib/integrity): per UTC day and kind, how many pledges were received, recognised as
 * repeats, refused (validation, Turnstile, rate limit), queued, confirmed and withdrawn. Aggregates only, no person:
 * each isolate counts in memory and adds its counts here in one write at most every INTEGRITY_FLUSH_MS.
 */
export const integrityDaily = sqliteTable(
  'integrity_daily',
  {
    day: text().notNull(),
    kind: text().notNull(),
    count: integer().notNull(),
  },
  (table) => [primaryKey({ columns: [table.day, table.kind] })],
);
