import { hmacSha256Hex } from '../security/hmac.ts';
import { keyedHash, sameHex } from '../security/purpose-keys.ts';

/**
 * The token in an email's unsubscribe link: `v2.<pledge id>.<signature>`, signed with the unsubscribe key derived
 * from PLEDGE_HMAC_SECRET (src/lib/security/purpose-keys.ts).
 */
export async function createUnsubscribeToken(pledgeId: number, secret: string): Promise<string> {
  return `v2.${pledgeId}.${await keyedHash(secret, 'unsubscribe', String(pledgeId))}`;
}

// Links sent before the derived keys existed: `<pledge id>.<signature>`, signed with the secret itself under a
// prefix of their own. They stay valid.
const LEGACY_PURPOSE = 'walkaway:unsubscribe:v1:';

/** The pledge id a genuine token names, or undefined for anything forged, altered or malformed. */
export async function verifyUnsubscribeToken(token: string, secret: string): Promise<number | undefined> {
  const match = /^(v2\.)?([1-9]\d{0,15})\.([0-9a-f]{64})$/.exec(token);
  if (!match) return undefined;
  const [, current, id, signature] = match as unknown as [string, string | undefined, string, string];
  const expected = current ? await keyedHash(secret, 'unsubscribe', id) : await hmacSha256Hex(secret, `${LEGACY_PURPOSE}${id}`);
  return sameHex(expected, signature) ? Number(id) : undefined;
}
