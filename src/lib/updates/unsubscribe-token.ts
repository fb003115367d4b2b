import { hmacSha256Hex } from '../security/hmac.ts';

// Domain separation: the same secret also keys the email hashes, which must never be mistaken for a token.
const PURPOSE = 'walkaway:unsubscribe:v1:';

/** The token in an email's unsubscribe link: the subscriber's id and a signature over it. */
export async function createUnsubscribeToken(pledgeId: number, secret: string): Promise<string> {
  return `${pledgeId}.${await hmacSha256Hex(secret, `${PURPOSE}${pledgeId}`)}`;
}

/** The pledge id a genuine token names, or undefined for anything forged, altered or malformed. */
export async function verifyUnsubscribeToken(token: string, secret: string): Promise<number | undefined> {
  const match = /^([1-9]\d{0,15})\.([0-9a-f]{64})$/.exec(token);
  if (!match) return undefined;
  const pledgeId = Number(match[1]);
  const expected = await hmacSha256Hex(secret, `${PURPOSE}${pledgeId}`);
  return timingSafeEqual(expected, match[2]!) ? pledgeId : undefined;
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
