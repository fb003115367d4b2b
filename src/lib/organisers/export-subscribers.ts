import { and, asc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../db/client.ts';
import { pledges, subscribers } from '../db/schema.ts';
import { consentLanguage } from '../forms/consent.ts';
import { csvRow } from './csv.ts';

const SUBSCRIBER_COLUMNS = ['email', 'first_name', 'country', 'consented_at', 'consent_version', 'unsubscribe_url', 'language', 'withdraw_url'];

export interface Subscriber {
  pledgeId: number;
  email: string;
  firstName: string | null;
  country: string | null;
  consentedAt: Date;
  consentVersion: string;
}

/**
 * Everyone who asked for updates and has not withdrawn, a page at a time in pledge order (keyset pagination: each
 * page starts after the last id, so memory stays flat and no row is read twice however many there are).
 */
export async function* subscriberPages(db: Database, pageSize: number): AsyncGenerator<Subscriber[]> {
  let after = 0;
  for (;;) {
    const page = await db
      .select({
        pledgeId: subscribers.pledgeId,
        email: subscribers.email,
        firstName: pledges.firstName,
        country: pledges.country,
        consentedAt: subscribers.consentedAt,
        consentVersion: subscribers.consentVersion,
      })
      .from(subscribers)
      .innerJoin(pledges, eq(pledges.id, subscribers.pledgeId))
      // Consent counts only from a confirmed pledge: from its own inbox, never from a form alone.
      .where(and(gt(subscribers.pledgeId, after), isNotNull(subscribers.email), isNull(subscribers.withdrawnAt), eq(pledges.status, 'confirmed')))
      .orderBy(asc(subscribers.pledgeId))
      .limit(pageSize);
    if (page.length === 0) return;
    yield page as Subscriber[];
    after = page.at(-1)!.pledgeId;
  }
}

export interface ExportDeps {
  db: Database;
  /** Writes a chunk of the file, resolving once it may take more (back-pressure). */
  write: (chunk: string) => Promise<void>;
  /** The signed link that stops the emails, as /updates/unsubscribe accepts it, on the page in `lang`. */
  unsubscribeUrl: (pledgeId: number, lang: Locale) => Promise<string>;
  /** The signed "this wasn't me" link, as /pledge/withdraw accepts it, on the page in `lang`: every update email carries it. */
  withdrawUrl: (pledgeId: number, lang: Locale) => Promise<string>;
  pageSize?: number;
  onProgress?: (rows: number) => void;
}

/** Writes the subscribers as CSV (header first) and returns how many rows were written. */
export async function exportSubscribers({ db, write, unsubscribeUrl, withdrawUrl, pageSize = 1_000, onProgress }: ExportDeps): Promise<number> {
  await write(csvRow(SUBSCRIBER_COLUMNS));
  let rows = 0;
  for await (const page of subscriberPages(db, pageSize)) {
    const lines = await Promise.all(
      page.map(async (subscriber) => {
        // The language the person pledged in: their emails and their unsubscribe page should be in it too.
        const lang = consentLanguage(subscriber.consentVersion);
        return csvRow([
          subscriber.email,
          subscriber.firstName,
          subscriber.country,
          subscriber.consentedAt.toISOString(),
          subscriber.consentVersion,
          await unsubscribeUrl(subscriber.pledgeId, lang),
          lang,
          await withdrawUrl(subscriber.pledgeId, lang),
        ]);
      }),
    );
    await write(lines.join(''));
    rows += page.length;
    onProgress?.(rows);
  }
  return rows;
}
