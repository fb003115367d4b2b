// PLEDGE_HMAC_SECRET keys several jobs. Each job but the first has a key of its own, derived from the secret with
// HKDF-SHA256, so that no value made for one job is ever valid for another and a key can be retired alone:
//
// - the email hashes that recognise a person (`pledges.email_hmac`) keep the secret itself as their key, because every
//   pledge ever stored is identified by a hash made with it;
// - signed links (unsubscribe, a pledge's confirm and withdraw links), rate-limit keys, Turnstile's idempotency keys and the fingerprints of stories sent
//   through /speak-out each use their own derived key.
const encoder = new TextEncoder();

export type KeyPurpose = 'unsubscribe' | 'rate-limit' | 'turnstile' | 'story-form' | 'pledge-confirm' | 'pledge-withdraw';

// Keys, not promises of keys: Workers must not let one request wait on a promise another request created.
const derived = new Map<string, CryptoKey>();

async function purposeKey(secret: string, purpose: KeyPurpose): Promise<CryptoKey> {
  const cacheKey = `${purpose}\n${secret}`;
  const cached = derived.get(cacheKey);
  if (cached) return cached;
  const master = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode(`walkaway ${purpose} v2`) },
    master,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  derived.set(cacheKey, key);
  return key;
}

/** HMAC-SHA256 of `message` under the secret's key for `purpose`, as lowercase hex. */
export async function keyedHash(secret: string, purpose: KeyPurpose, message: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await purposeKey(secret, purpose), encoder.encode(message));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compares two hex strings in time that does not depend on where they first differ. */
export function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
