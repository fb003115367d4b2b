import { count, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { PENDING_PLEDGE_DAYS } from '../../config.ts';
import type { Database } from '../db/client.ts';
import { pledges, subscribers } from '../db/schema.ts';
import { snapshotOf, tallyQueries, type TallySnapshot } from '../tally/read-tally.ts';
import type { PledgeRecord } from './prepare-pledge.ts';

/** A pending pledge asks for one more confirmation email at most this often, however often it is sent again. */
export const CONFIRMATION_MAIL_INTERVAL_MS = 10 * 60_000;

/** A consent given again, to a subscriber row that exists: it replaces the one stored and ends any withdrawal. */
export const CONSENT_GIVEN_AGAIN = {
  target: subscribers.pledgeId,
  set: {
    email: sql`excluded.email`,
    consentedAt: sql`excluded.consented_at`,
    consentVersion: sql`excluded.consent_version`,
    withdrawnAt: sql`NULL`,
  },
};

/** What every stored pledge holds of its record, whichever way it is stored. */
const pledgeRow = (record: PledgeRecord) => ({
  emailHmac: record.emailHmac,
  idempotencyKey: record.idempotencyKey,
  firstName: record.firstName,
  country: record.country,
  source: record.source ?? null,
  createdAt: new Date(record.createdAt),
});

/**
 * After "this wasn't me", a pledge with the same address changes nothing and asks for no email for this long; after it,
 * a pledge with the address starts afresh, as pending, with one email.
 */
export const WITHDRAWN_QUIET_MS = PENDING_PLEDGE_DAYS * 86_400_000;

/**
 * The statement that stores a pledge that must be confirmed by email, whatever the address's state, so that the
 * answer and the work are the same for all:
 * - new: a pending row, its email due;
 * - pending: the last send's choices (a repeat can withdraw the wish for updates, never add it: a stranger who knows
 *   the address must not sign its owner up), and a new email if the last was asked for over 10 minutes ago;
 * - confirmed: nothing but, as for pending, a new email at most every 10 minutes, which says it is counted already (no
 *   email would tell a watcher of the inbox that the address had confirmed); a pledge form never changes a confirmed
 *   pledge or its subscription;
 * - withdrawn: nothing within a week of "this wasn't me"; after it, pending afresh.
 * No subscriber row is written: the wish for updates waits in the row until the pledge is confirmed.
 */
function pendingPledgeStatement(db: Database, record: PledgeRecord) {
  const now = new Date(record.createdAt);
  const unlessConfirmed = (column: SQLiteColumn, name: string) =>
    sql`CASE WHEN ${pledges.status} = 'confirmed' THEN ${column} ELSE ${sql.raw(`excluded.${name}`)} END`;
  const updatesWish = (column: SQLiteColumn, name: string) =>
    sql`CASE WHEN ${pledges.status} = 'withdrawn' THEN ${sql.raw(`excluded.${name}`)} WHEN ${pledges.status} = 'pending' AND ${sql.raw(`excluded.${name}`)} IS NULL THEN NULL ELSE ${column} END`;
  return db
    .insert(pledges)
    .values({
      ...pledgeRow(record),
      status: 'pending',
      locale: record.confirmation?.locale ?? null,
      mailDueAt: now,
      updatesEmail: record.subscriber?.email ?? null,
      updatesConsentVersion: record.subscriber?.consentVersion ?? null,
    })
    .onConflictDoUpdate({
      target: pledges.emailHmac,
      set: {
        status: sql`CASE WHEN ${pledges.status} = 'withdrawn' THEN 'pending' ELSE ${pledges.status} END`,
        idempotencyKey: unlessConfirmed(pledges.idempotencyKey, 'idempotency_key'),
        firstName: unlessConfirmed(pledges.firstName, 'first_name'),
        country: unlessConfirmed(pledges.country, 'country'),
        source: unlessConfirmed(pledges.source, 'source'),
        locale: unlessConfirmed(pledges.locale, 'locale'),
        createdAt: sql`CASE WHEN ${pledges.status} = 'withdrawn' THEN excluded.created_at ELSE ${pledges.createdAt} END`,
        updatesEmail: updatesWish(pledges.updatesEmail, 'updates_email'),
        updatesConsentVersion: updatesWish(pledges.updatesConsentVersion, 'updates_consent_version'),
        mailDueAt: sql`CASE WHEN ${pledges.mailDueAt} IS NULL OR ${pledges.mailDueAt} <= excluded.mail_due_at - ${CONFIRMATION_MAIL_INTERVAL_MS} THEN excluded.mail_due_at ELSE ${pledges.mailDueAt} END`,
        withdrawnAt: sql`NULL`,
      },
      setWhere: sql`NOT (${pledges.status} = 'withdrawn' AND coalesce(${pledges.withdrawnAt}, 0) > excluded.mail_due_at - ${WITHDRAWN_QUIET_MS})`,
    });
}

/**
 * The statements that store one pledge: a pending one when it must be confirmed by email (above); otherwise a
 * confirmed one, insert-or-ignore on the email's keyed hash (the person is what makes a pledge unique, so a repeat or
 * a redelivered queue message changes nothing), and the subscriber row only with consent. The tally triggers count a
 * confirmed row in the same transaction.
 */
function pledgeStatements(db: Database, record: PledgeRecord) {
  if (record.confirmation) return [pendingPledgeStatement(db, record)] as const;
  const insertPledge = db
    .insert(pledges)
    .values({ ...pledgeRow(record), confirmedAt: new Date(record.createdAt) })
    .onConflictDoNothing({ target: pledges.emailHmac });
  if (!record.subscriber) return [insertPledge] as const;

  const subscribe = db
    .insert(subscribers)
    .select(
      db
        .select({
          pledgeId: pledges.id,
          email: sql`${record.subscriber.email}`.as('email'),
          consentedAt: sql`${record.createdAt}`.as('consented_at'),
          consentVersion: sql`${record.subscriber.consentVersion}`.as('consent_version'),
          withdrawnAt: sql`NULL`.as('withdrawn_at'),
        })
        .from(pledges)
        .where(eq(pledges.emailHmac, record.emailHmac)),
    )
    .onConflictDoUpdate(CONSENT_GIVEN_AGAIN);
  return [insertPledge, subscribe] as const;
}

/**
 * Stores one pledge and reads the tally the triggers just updated, in one round trip. A repeated pledge changes
 * nothing and gets the same answer, so nobody can tell whether an email pledged before; `repeat` is only for the
 * organisers' integrity counters.
 */
export async function writePledge(db: Database, record: PledgeRecord): Promise<{ snapshot: TallySnapshot; repeat: boolean }> {
  const [totals, countries] = tallyQueries(db);
  // Whether the address had a row before, read in the same batch (one index lookup), for the repeat counter only.
  const before = db.select({ rows: count() }).from(pledges).where(eq(pledges.emailHmac, record.emailHmac));
  const results = await db.batch([before, ...pledgeStatements(db, record), totals, countries]);
  const repeat = ((results[0] as Awaited<typeof before>)[0]?.rows ?? 0) > 0;
  return { snapshot: snapshotOf(results.at(-2) as Awaited<typeof totals>, results.at(-1) as Awaited<typeof countries>), repeat };
}

/** Stores many pledges in one batch (one transaction): all of them or, on error, none. */
export async function writePledges(db: Database, records: readonly PledgeRecord[]): Promise<void> {
  const [first, ...rest] = records.flatMap((record) => pledgeStatements(db, record));
  if (first) await db.batch([first, ...rest]);
}
