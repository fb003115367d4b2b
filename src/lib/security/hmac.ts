const encoder = new TextEncoder();
// Keys, not promises of keys: Workers must not let one request wait on a promise another request created.
const keys = new Map<string, CryptoKey>();

async function keyFor(secret: string): Promise<CryptoKey> {
  const cached = keys.get(secret);
  if (cached) return cached;
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  keys.set(secret, key);
  return key;
}

/** HMAC-SHA256 as lowercase hex, with Web Crypto so the same code runs in workerd and Node. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await keyFor(secret), encoder.encode(message));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
