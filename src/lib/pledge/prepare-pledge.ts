import { type Locale, localeOr } from '../../i18n/locales.ts';
import { consentWording } from '../forms/consent.ts';
import { hmacSha256Hex } from '../security/hmac.ts';
import { emailIdentity, normaliseEmail } from './email.ts';
import type { Pledge } from './validate.ts';

/**
 * How a pledge comes to count: `email`, once confirmed from its own inbox (the default), or `none`, at once (for a
 * campaign that cannot send mail: anyone can then pledge in anyone's name). PLEDGE_CONFIRMATION in wrangler.jsonc.
 */
export type PledgeConfirmation = 'email' | 'none';

/** PLEDGE_CONFIRMATION as given: anything but `none` is `email`, so that a typo never turns confirmation off. */
export const pledgeConfirmationOf = (value: unknown): PledgeConfirmation => (typeof value === 'string' && value.trim() === 'none' ? 'none' : 'email');

/**
 * A pledge ready to store: what the direct write and the queue both carry. The email appears only as its keyed
 * hash, unless the person asked for campaign updates or must confirm from their inbox (then the address is needed to
 * write to them; a pending pledge's address travels to the mail queue and is never stored unless updates were asked).
 */
export interface PledgeRecord {
  emailHmac: string;
  idempotencyKey: string;
  firstName: string | null;
  country: string | null;
  /** When the person pledged (ms since the epoch), not when the row was written. */
  createdAt: number;
  /** The share or partner code the person came through. Absent in messages queued before codes existed. */
  source?: string | null;
  subscriber: { email: string; consentVersion: string } | null;
  /**
   * Present when the pledge waits for confirmation by email: where the email goes and its language. Absent in
   * PLEDGE_CONFIRMATION=none and in messages queued before confirmation existed, which count at once.
   */
  confirmation?: { email: string; locale: Locale; origin: string };
}

export interface PreparePledgeDeps {
  hmacSecret: string;
  now: () => Date;
  /** Version of the consent wording shown next to the "send me updates" box (the same in every language). */
  consentVersion: string;
  confirmation: PledgeConfirmation;
  /** The site's origin, for the links in the confirmation email. */
  origin: string;
}


/** The keyed hash that identifies a person's email: the same for case, spaces, Gmail dots and +tags. */
export function emailHmacOf(email: string, hmacSecret: string): Promise<string> {
  return hmacSha256Hex(hmacSecret, emailIdentity(email));
}

export async function preparePledge(pledge: Pledge, { hmacSecret, now, consentVersion, confirmation, origin }: PreparePledgeDeps): Promise<PledgeRecord> {
  return {
    ...(confirmation === 'email' ? { confirmation: { email: normaliseEmail(pledge.email), locale: pledge.locale, origin } } : {}),
    emailHmac: await emailHmacOf(pledge.email, hmacSecret),
    idempotencyKey: pledge.idempotencyKey,
    firstName: pledge.firstName,
    country: pledge.country,
    createdAt: now().getTime(),
    source: pledge.source,
    subscriber: pledge.updates
      ? { email: normaliseEmail(pledge.email), consentVersion: consentWording(consentVersion, pledge.locale) }
      : null,
  };
}

const isNullableString = (value: unknown) => value === null || typeof value === 'string';

/** A queue message's body, checked before it is written: anything else is a bug or tampering, never stored. */
export function isPledgeRecord(value: unknown): value is PledgeRecord {
  const record = value as Partial<PledgeRecord> | null;
  const subscriber = record?.subscriber as Partial<NonNullable<PledgeRecord['subscriber']>> | null | undefined;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.emailHmac === 'string' &&
    /^[0-9a-f]{64}$/.test(record.emailHmac) &&
    typeof record.idempotencyKey === 'string' &&
    isNullableString(record.firstName) &&
    isNullableString(record.country) &&
    typeof record.createdAt === 'number' &&
    Number.isFinite(record.createdAt) &&
    (record.source === undefined || isNullableString(record.source)) &&
    (subscriber === null || (typeof subscriber?.email === 'string' && typeof subscriber.consentVersion === 'string')) &&
    (record.confirmation === undefined ||
      (typeof record.confirmation?.email === 'string' &&
        typeof record.confirmation.origin === 'string' &&
        localeOr(record.confirmation.locale) === record.confirmation.locale))
  );
}
