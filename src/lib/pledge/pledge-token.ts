import { PENDING_PLEDGE_DAYS } from '../../config.ts';
import { keyedHash, sameHex } from '../security/purpose-keys.ts';
import { DAY_MS } from '../utc-days.ts';

/** What a link in a confirmation email does: confirm the pledge, or withdraw it ("this wasn't me"). */
export type PledgeTokenPurpose = 'confirm' | 'withdraw';

/** How long a confirm link works: the time a pending pledge is kept (the scheduled job deletes it then). */
export const CONFIRM_LINK_DAYS = PENDING_PLEDGE_DAYS;

/** What a genuine token names: the pledge's row and when the link was made (ms). */
export interface PledgeToken {
  pledgeId: number;
  issuedAt: number;
}

export type PledgeTokenCheck = { kind: 'valid'; token: PledgeToken } | { kind: 'expired' } | { kind: 'unknown' };

// 128 bits of HMAC: enough that a link cannot be guessed, short enough for a mail client not to break it.
const SIGNATURE_HEX = 32;

const signatureOf = async (secret: string, purpose: PledgeTokenPurpose, body: string) =>
  (await keyedHash(secret, `pledge-${purpose}`, body)).slice(0, SIGNATURE_HEX);

/**
 * The token in a confirm or withdraw link: `<pledge id>.<issued, seconds in base 36>.<signature>`, signed with a key
 * of its own per purpose (a withdraw link never confirms). No email, in the clear or hashed.
 */
export async function createPledgeToken(secret: string, purpose: PledgeTokenPurpose, { pledgeId, issuedAt }: PledgeToken): Promise<string> {
  const body = `${pledgeId}.${Math.floor(issuedAt / 1000).toString(36)}`;
  return `${body}.${await signatureOf(secret, purpose, body)}`;
}

/**
 * Checks a link's token: anything forged, altered or malformed is `unknown`, and says nothing more. A confirm link
 * older than CONFIRM_LINK_DAYS is `expired`; a withdraw link never expires, since update emails carry it for years.
 */
export async function checkPledgeToken(secret: string, purpose: PledgeTokenPurpose, token: string, now: Date): Promise<PledgeTokenCheck> {
  const match = /^([1-9]\d{0,15})\.([0-9a-z]{1,10})\.([0-9a-f]{32})$/.exec(token);
  if (!match) return { kind: 'unknown' };
  const [, id, issued, signature] = match as unknown as [string, string, string, string];
  if (!sameHex(await signatureOf(secret, purpose, `${id}.${issued}`), signature)) return { kind: 'unknown' };
  const issuedAt = Number.parseInt(issued, 36) * 1000;
  if (purpose === 'confirm' && now.getTime() - issuedAt > CONFIRM_LINK_DAYS * DAY_MS) return { kind: 'expired' };
  return { kind: 'valid', token: { pledgeId: Number(id), issuedAt } };
}
