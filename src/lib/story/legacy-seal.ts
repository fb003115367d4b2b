// Stories sent before the editors' keys were sealed with AES-256-GCM under SUBMISSION_KEY, a key the Worker held (and so
// could open them with). Only opening is left: `submissions reseal` opens such rows with the retired key and seals them
// to the editors' public keys (src/lib/story/seal-story.ts), after which SUBMISSION_KEY is deleted everywhere.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)$/;

/** Sealed text that does not open: tampered with, or sealed with another key. */
export class SealError extends Error {}

export interface SealingKeys {
  seal: CryptoKey;
}

/** Why a SUBMISSION_KEY cannot be used, or undefined: as the command line says it. */
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

/** The key that opens what SUBMISSION_KEY sealed. Throws, with the problem, on a key that is missing or malformed. */
export async function sealingKeys(secret: string | undefined): Promise<SealingKeys> {
  const problem = submissionKeyProblem(secret);
  if (problem) throw new Error(problem);
  const master = await crypto.subtle.importKey('raw', fromBase64(secret!.trim()), 'HKDF', false, ['deriveKey']);
  const seal = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode('walkaway submissions: seal v1') },
    master,
    { name: 'AES-GCM', length: 256 },
    false,
    // Encrypting too, only so that tests can make rows as they were sealed before.
    ['encrypt', 'decrypt'],
  );
  return { seal };
}

/** The text back from `v1.<iv>.<ciphertext and tag>` (base64url). Throws a SealError on anything not sealed with these keys for this field. */
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

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new Error('not base64');
  const standard = text.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '=')), (character) => character.charCodeAt(0));
}
