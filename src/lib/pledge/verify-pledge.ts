import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pledges, subscribers } from '../db/schema.ts';
import { snapshotOf, tallyQueries, type TallySnapshot } from '../tally/read-tally.ts';
import { CONSENT_GIVEN_AGAIN } from './write-pledge.ts';

/**
 * What confirming did: counted the pledge now (with the fresh tally, whose total is the person's number), found it
 * counted already, found it withdrawn, or found no such pledge (deleted, forgotten, or expired and cleaned up).
 */
export type ConfirmOutcome =
  | { kind: 'confirmed'; snapshot: TallySnapshot }
  | { kind: 'already-confirmed' }
  | { kind: 'withdrawn' }
  | { kind: 'unknown' };

/**
 * Confirms a pending pledge in one batch (one transaction): it starts to count (the tally triggers), its wish for
 * updates becomes a subscriber row (created, or re-activated after an earlier withdrawal) and leaves the pledge row,
 * and the fresh tally is read. Confirming again changes nothing.
 */
export async function confirmPledge(db: Database, pledgeId: number, now: Date): Promise<ConfirmOutcome> {
  const [totals, countries] = tallyQueries(db);
  const results = await db.batch([
    db
      .update(pledges)
      .set({ status: 'confirmed', confirmedAt: now })
      .where(and(eq(pledges.id, pledgeId), eq(pledges.status, 'pending')))
      .returning({ id: pledges.id }),
    db
      .insert(subscribers)
      .select(
        db
          .select({
            pledgeId: pledges.id,
            email: pledges.updatesEmail,
            consentedAt: sql`${now.getTime()}`.as('consented_at'),
            consentVersion: sql`${pledges.updatesConsentVersion}`.as('consent_version'),
            withdrawnAt: sql`NULL`.as('withdrawn_at'),
          })
          .from(pledges)
          .where(and(eq(pledges.id, pledgeId), eq(pledges.status, 'confirmed'), isNotNull(pledges.updatesEmail), isNotNull(pledges.updatesConsentVersion))),
      )
      .onConflictDoUpdate(CONSENT_GIVEN_AGAIN),
    db.update(pledges).set({ updatesEmail: null, updatesConsentVersion: null }).where(and(eq(pledges.id, pledgeId), eq(pledges.status, 'confirmed'))),
    db.select({ status: pledges.status }).from(pledges).where(eq(pledges.id, pledgeId)),
    totals,
    countries,
  ]);
  const [confirmedNow, , , [row]] = results;
  if (confirmedNow.length > 0) {
    return { kind: 'confirmed', snapshot: snapshotOf(results[4] as Awaited<typeof totals>, results[5] as Awaited<typeof countries>) };
  }
  if (!row) return { kind: 'unknown' };
  return row.status === 'withdrawn' ? { kind: 'withdrawn' } : { kind: 'already-confirmed' };
}

/** What withdrawing did: withdrew the pledge now (with the fresh tally), found it withdrawn already, or found none. */
export type WithdrawOutcome = { kind: 'withdrawn'; snapshot: TallySnapshot } | { kind: 'already-withdrawn' } | { kind: 'unknown' };

/**
 * Withdraws a pledge in one batch: it stops counting, total and country (the tally triggers), its subscription ends
 * and the address is deleted, and all that is left of it is the email's keyed hash and when, so that "this wasn't me"
 * is honoured: for a week no pledge with the address changes anything or sends anything (src/lib/pledge/
 * write-pledge.ts), and after it only a new pledge sends one email, which counts only if confirmed from the inbox.
 */
export async function withdrawPledge(db: Database, pledgeId: number, now: Date): Promise<WithdrawOutcome> {
  const [totals, countries] = tallyQueries(db);
  const results = await db.batch([
    db
      .update(pledges)
      .set({
        status: 'withdrawn',
        withdrawnAt: now,
        firstName: null,
        country: null,
        source: null,
        locale: null,
        confirmedAt: null,
        updatesEmail: null,
        updatesConsentVersion: null,
      })
      .where(and(eq(pledges.id, pledgeId), ne(pledges.status, 'withdrawn')))
      .returning({ id: pledges.id }),
    db.update(subscribers).set({ email: null, withdrawnAt: now }).where(and(eq(subscribers.pledgeId, pledgeId), isNull(subscribers.withdrawnAt))),
    db.select({ id: pledges.id }).from(pledges).where(eq(pledges.id, pledgeId)),
    totals,
    countries,
  ]);
  const [withdrawnNow, , [row]] = results;
  if (withdrawnNow.length > 0) {
    return { kind: 'withdrawn', snapshot: snapshotOf(results[3] as Awaited<typeof totals>, results[4] as Awaited<typeof countries>) };
  }
  return row ? { kind: 'already-withdrawn' } : { kind: 'unknown' };
}
