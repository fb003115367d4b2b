import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { type Locale, localeOr } from '../../i18n/locales.ts';
import type { Database } from '../db/client.ts';
import { emailSends, pledges } from '../db/schema.ts';
import type { PledgeRecord } from './prepare-pledge.ts';

/**
 * A confirmation email waiting in the `walkaway-emails` queue: whose pledge (the email's keyed hash), where to write,
 * in which language, and the site's origin for the links. Every pending pledge sends one, new or repeated alike, so
 * that a repeat costs what a new pledge costs; the consumer sends only what its row says is due.
 */
export interface ConfirmationMailRequest {
  emailHmac: string;
  email: string;
  locale: Locale;
  origin: string;
}

/** The confirmation email a pledge waiting for confirmation asks for; undefined for one that counts at once. */
export const mailRequestOf = (record: PledgeRecord): ConfirmationMailRequest | undefined =>
  record.confirmation && { emailHmac: record.emailHmac, ...record.confirmation };

export function isConfirmationMailRequest(value: unknown): value is ConfirmationMailRequest {
  const request = value as Partial<ConfirmationMailRequest> | null;
  return (
    typeof request === 'object' &&
    request !== null &&
    typeof request.emailHmac === 'string' &&
    /^[0-9a-f]{64}$/.test(request.emailHmac) &&
    typeof request.email === 'string' &&
    request.email.includes('@') &&
    localeOr(request.locale) === request.locale &&
    typeof request.origin === 'string' &&
    /^https?:\/\/[^/]+$/.test(request.origin)
  );
}

/** What a claimed email is to say: "confirm" for a pending pledge (and whether it asked for updates), "already counted". */
export type ClaimedMail = { pledgeId: number; kind: 'confirm'; updates: boolean } | { pledgeId: number; kind: 'already-confirmed' };

/**
 * Claims each request's email before it is sent, in one batch: the row must still be pending or confirmed (not
 * withdrawn or forgotten) and its last email asked for not yet sent. The claim marks it sent, so that a redelivered
 * message, or a second message for the same address, finds nothing to send: no email goes twice.
 */
export async function claimConfirmationMails(db: Database, emailHmacs: readonly string[], now: Date): Promise<Array<ClaimedMail | undefined>> {
  if (emailHmacs.length === 0) return [];
  const [first, ...rest] = emailHmacs.map((emailHmac) =>
    db
      .update(pledges)
      .set({ mailedAt: now })
      .where(
        and(
          eq(pledges.emailHmac, emailHmac),
          inArray(pledges.status, ['pending', 'confirmed']),
          isNotNull(pledges.mailDueAt),
          or(isNull(pledges.mailedAt), lt(pledges.mailedAt, pledges.mailDueAt)),
        ),
      )
      .returning({ id: pledges.id, status: pledges.status, updatesEmail: pledges.updatesEmail }),
  );
  const results = await db.batch([first!, ...rest]);
  return results.map(([row]): ClaimedMail | undefined => {
    if (!row) return undefined;
    return row.status === 'confirmed'
      ? { pledgeId: row.id, kind: 'already-confirmed' }
      : { pledgeId: row.id, kind: 'confirm', updates: row.updatesEmail !== null };
  });
}

/** Gives a claim back when its email could not be sent now: the email is due again. */
export async function releaseConfirmationMail(db: Database, emailHmac: string, claimedAt: Date): Promise<void> {
  await db.update(pledges).set({ mailedAt: null }).where(and(eq(pledges.emailHmac, emailHmac), eq(pledges.mailedAt, claimedAt)));
}

const MINUTE_MS = 60_000;

/** The minute a moment falls in, as `email_sends` counts by (minutes since the epoch). */
export const minuteOf = (moment: Date) => Math.floor(moment.getTime() / MINUTE_MS);

/**
 * Takes up to `wanted` sends from this minute's allowance of `perMinute`, in one batch (one transaction, so two
 * consumers never both take the last one), and returns how many it took.
 */
export async function reserveSends(db: Database, now: Date, perMinute: number, wanted: number): Promise<number> {
  const minute = minuteOf(now);
  const [, before, after] = await db.batch([
    db.insert(emailSends).values({ minute, sent: 0 }).onConflictDoNothing(),
    db.select({ sent: emailSends.sent }).from(emailSends).where(eq(emailSends.minute, minute)),
    db
      .update(emailSends)
      .set({ sent: sql`max(${emailSends.sent}, min(${perMinute}, ${emailSends.sent} + ${wanted}))` })
      .where(eq(emailSends.minute, minute))
      .returning({ sent: emailSends.sent }),
  ]);
  return Math.max(0, (after[0]?.sent ?? 0) - (before[0]?.sent ?? 0));
}

/** Seconds from `now` until the minute after next starts sending, for the `index`-th email over the allowance. */
export function secondsUntilSlot(now: Date, index: number, perMinute: number): number {
  const untilNextMinute = Math.ceil((MINUTE_MS - (now.getTime() % MINUTE_MS)) / 1000);
  return untilNextMinute + Math.floor(index / perMinute) * 60;
}
