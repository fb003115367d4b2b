import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { pledges, subscribers, tally } from '../db/schema';
import type { Pledge } from './validate';
import { emailIdentity, normaliseEmail } from './email';
import { hmacSha256Hex } from '../security/hmac';

export interface RecordPledgeDeps {
  db: Database;
  hmacSecret: string;
  now: () => Date;
  /** Version of the consent wording shown next to the "send me updates" box. */
  consentVersion: string;
}

export interface RecordedPledge {
  total: number;
}

/**
 * Records a pledge in one round trip: insert-or-ignore (the email's keyed hash and the form's idempotency key
 * are unique), the subscriber row only with consent, and the tally the triggers just updated.
 * A repeated pledge changes nothing and returns the same shape, so nobody can tell whether an email pledged before.
 */
export async function recordPledge(pledge: Pledge, deps: RecordPledgeDeps): Promise<RecordedPledge> {
  const { db, hmacSecret, now, consentVersion } = deps;
  const emailHmac = await hmacSha256Hex(hmacSecret, emailIdentity(pledge.email));
  const createdAt = now();

  const insertPledge = db
    .insert(pledges)
    .values({
      emailHmac,
      idempotencyKey: pledge.idempotencyKey,
      firstName: pledge.firstName,
      country: pledge.country,
      createdAt,
    })
    .onConflictDoNothing();
  const readTotal = db.select({ total: tally.total }).from(tally).where(eq(tally.id, 1));

  if (!pledge.updates) {
    const [, rows] = await db.batch([insertPledge, readTotal]);
    return { total: rows[0]?.total ?? 0 };
  }

  const subscribe = db
    .insert(subscribers)
    .select(
      db
        .select({
          pledgeId: pledges.id,
          email: sql`${normaliseEmail(pledge.email)}`.as('email'),
          consentedAt: sql`${createdAt.getTime()}`.as('consented_at'),
          consentVersion: sql`${consentVersion}`.as('consent_version'),
          withdrawnAt: sql`NULL`.as('withdrawn_at'),
        })
        .from(pledges)
        .where(eq(pledges.emailHmac, emailHmac)),
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
  const [, , rows] = await db.batch([insertPledge, subscribe, readTotal]);
  return { total: rows[0]?.total ?? 0 };
}
