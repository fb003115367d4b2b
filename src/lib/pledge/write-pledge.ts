import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pledges, subscribers } from '../db/schema.ts';
import { snapshotOf, tallyQueries, type TallySnapshot } from '../tally/read-tally.ts';
import type { PledgeRecord } from './prepare-pledge.ts';

/**
 * The statements that store one pledge: insert-or-ignore on the email's keyed hash (the person is what makes a
 * pledge unique, so a repeat or a redelivered queue message changes nothing), and the subscriber row only with
 * consent. The tally triggers count the new row in the same transaction.
 */
function pledgeStatements(db: Database, record: PledgeRecord) {
  const insertPledge = db
    .insert(pledges)
    .values({
      emailHmac: record.emailHmac,
      idempotencyKey: record.idempotencyKey,
      firstName: record.firstName,
      country: record.country,
      source: record.source ?? null,
      createdAt: new Date(record.createdAt),
    })
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
    .onConflictDoUpdate({
      target: subscribers.pledgeId,
      set: {
        email: sql`excluded.email`,
        consentedAt: sql`excluded.consented_at`,
        consentVersion: sql`excluded.consent_version`,
        withdrawnAt: sql`NULL`,
      },
    });
  return [insertPledge, subscribe] as const;
}

/**
 * Stores one pledge and reads the tally the triggers just updated, in one round trip. A repeated pledge changes
 * nothing and gets the same answer, so nobody can tell whether an email pledged before.
 */
export async function writePledge(db: Database, record: PledgeRecord): Promise<TallySnapshot> {
  const [totals, countries] = tallyQueries(db);
  const results = await db.batch([...pledgeStatements(db, record), totals, countries]);
  return snapshotOf(results.at(-2) as Awaited<typeof totals>, results.at(-1) as Awaited<typeof countries>);
}

/** Stores many pledges in one batch (one transaction): all of them or, on error, none. */
export async function writePledges(db: Database, records: readonly PledgeRecord[]): Promise<void> {
  const [first, ...rest] = records.flatMap((record) => pledgeStatements(db, record));
  if (first) await db.batch([first, ...rest]);
}
