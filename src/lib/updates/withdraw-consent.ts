import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { subscribers } from '../db/schema.ts';

/** Withdraws consent to campaign emails and deletes the address at once. The pledge itself still counts. */
export async function withdrawConsent(db: Database, pledgeId: number, now: Date): Promise<void> {
  await db.update(subscribers).set({ email: null, withdrawnAt: now }).where(eq(subscribers.pledgeId, pledgeId));
}
