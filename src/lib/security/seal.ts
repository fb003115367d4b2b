// What readers send through /speak-out is sealed with AES-256-GCM before it reaches the database, so a dump of the
// database alone reveals nothing anyone wrote. Web Crypto, so the worker and the organisers' command line (Node)
// share the code. SUBMISSION_KEY is 32 random bytes in base64 (`openssl rand -base64 32`); HKDF derives from it one
// key to seal with and one to fingerprint with, so the same secret never serves two purposes directly.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)$/;

/** Sealed text that does not open: tampered with, or sealed with another key. */
export class SealError extends Error {}

export interface SealingKeys {
  seal: CryptoKey;
  fingerprint: CryptoKey;
}

/** Why a SUBMISSION_KEY cannot be used, or undefined: the worker and the command line both say it in these words. */
export function submissionKeyProblem(secret: string | undefined): string | undefined {
  if (!secret) return 'SUBMISSION_KEY is not set';
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(secret.trim());
  } catch {
    return 'SUBMISSION_KEY is not base64: make one with `openssl rand -base64 32`';
  }
  return bytes.length === 32 ? undefined : `SUBMISSION_KEY must be 32 bytes (it is ${bytes.length}): make one with \`openssl rand -base64 32\``;
}

/** The two keys from SUBMISSION_KEY. Throws, with the problem, on a key that is missing or malformed. */
export async function sealingKeys(secret: string | undefined): Promise<SealingKeys> {
  const problem = submissionKeyProblem(secret);
  if (problem) throw new Error(problem);
  const master = await crypto.subtle.importKey('raw', fromBase64(secret!.trim()), 'HKDF', false, ['deriveKey']);
  const derive = (info: string, algorithm: AesKeyGenParams | HmacKeyGenParams, usages: KeyUsage[]) =>
    crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode(info) },
      master,
      algorithm,
      false,
      usages,
    );
  return {
    seal: await derive('walkaway submissions: seal v1', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
    fingerprint: await derive('walkaway submissions: fingerprint v1', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']),
  };
}

/**
 * Seals `text` as `v1.<iv>.<ciphertext and tag>` (base64url), with a fresh random 96-bit IV each time. `field` is
 * bound in as associated data: a sealed story cannot be passed off as a sealed email.
 */
export async function seal(keys: SealingKeys, text: string, field: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(field) }, keys.seal, encoder.encode(text));
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** The text back. Throws a SealError on anything not sealed by `seal` with these keys for this field. */
export async function unseal(keys: SealingKeys, sealed: string, field: string): Promise<string> {
  const [, iv, data] = SEALED.exec(sealed) ?? [];
  if (!iv || !data) throw new SealError(`the ${field} is not sealed text`);
  try {
    const opened = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(iv), additionalData: encoder.encode(field) },
      keys.seal,
      fromBase64(data),
    );
    return decoder.decode(opened);
  } catch {
    throw new SealError(`the ${field} does not open with this key: it was sealed with another key, or changed since`);
  }
}

/** A keyed fingerprint (hex): equal texts give equal fingerprints, and nobody without the key can test a guess. */
export async function fingerprint(keys: SealingKeys, text: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', keys.fingerprint, encoder.encode(text));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // In slices: a story's worth of bytes spread into one call would pass the engine's limit on arguments.
  for (let start = 0; start < bytes.length; start += 8_192) binary += String.fromCharCode(...bytes.subarray(start, start + 8_192));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new Error('not base64');
  const standard = text.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '=')), (character) => character.charCodeAt(0));
}
