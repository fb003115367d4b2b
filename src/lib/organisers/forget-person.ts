import { eq, like } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { deadLetters, pledges, subscribers } from '../db/schema.ts';

export interface Forgotten {
  pledgedAt: Date;
  country: string | null;
  /** Whether an email address for campaign updates was held (and is now deleted). */
  hadEmail: boolean;
}

/**
 * Finds the pledge an email's keyed hash identifies and, unless `dryRun`, deletes it with its subscriber row and any
 * dead letter of it in one batch: the tally goes down with it if it counted (the triggers on `pledges`). Undefined
 * when nothing matched.
 */
export async function forgetPerson(db: Database, emailHmac: string, { dryRun }: { dryRun: boolean }): Promise<Forgotten | undefined> {
  const [found] = await db
    .select({ id: pledges.id, createdAt: pledges.createdAt, country: pledges.country, email: subscribers.email })
    .from(pledges)
    .leftJoin(subscribers, eq(subscribers.pledgeId, pledges.id))
    .where(eq(pledges.emailHmac, emailHmac));
  if (!found) return undefined;
  if (!dryRun) {
    await db.batch([
      db.delete(subscribers).where(eq(subscribers.pledgeId, found.id)),
      db.delete(pledges).where(eq(pledges.id, found.id)),
      // A dead letter is kept by the email's keyed hash (a 64-character hex string, so no LIKE wildcard in it).
      db.delete(deadLetters).where(like(deadLetters.body, `%"emailHmac":"${emailHmac}"%`)),
    ]);
  }
  return { pledgedAt: found.createdAt, country: found.country, hadEmail: found.email !== null };
}
