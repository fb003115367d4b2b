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
