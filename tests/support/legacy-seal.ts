// Rows as /speak-out stored them before the editors' keys: each field sealed under SUBMISSION_KEY. The site no longer
// seals this way; tests make such rows to check that `submissions reseal` moves them to the editors' keys.
import type { SealingKeys } from '../../src/lib/story/legacy-seal.ts';

const base64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** `text` sealed as `v1.<iv>.<ciphertext and tag>`, with `field` as associated data, as the site sealed it. */
export async function legacySeal(keys: SealingKeys, text: string, field: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const encoder = new TextEncoder();
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(field) }, keys.seal, encoder.encode(text));
  return `v1.${base64Url(iv)}.${base64Url(new Uint8Array(sealed))}`;
}
