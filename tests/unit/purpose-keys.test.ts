// One secret, a key per job: a value made for one purpose is never valid for another.
import { describe, expect, it } from 'vitest';
import { emailHmacOf } from '../../src/lib/pledge/prepare-pledge.ts';
import { hmacSha256Hex } from '../../src/lib/security/hmac.ts';
import { type KeyPurpose, keyedHash } from '../../src/lib/security/purpose-keys.ts';
import { rateLimitSubject } from '../../src/lib/security/rate-limit.ts';

const SECRET = 'a-deployment-secret';
const PURPOSES: KeyPurpose[] = ['unsubscribe', 'rate-limit', 'turnstile', 'story-form'];

describe('the keys derived from PLEDGE_HMAC_SECRET', () => {
  it('differ per purpose, and from the secret used as a key itself', async () => {
    const hashes = await Promise.all(PURPOSES.map((purpose) => keyedHash(SECRET, purpose, 'same message')));
    hashes.push(await hmacSha256Hex(SECRET, 'same message'));
    expect(new Set(hashes).size).toBe(PURPOSES.length + 1);
  });

  it('are the same on every run, so that what one isolate made another recognises', async () => {
    expect(await keyedHash(SECRET, 'rate-limit', rateLimitSubject('203.0.113.9'))).toBe(await keyedHash(SECRET, 'rate-limit', '203.0.113.9'));
    expect(await keyedHash(SECRET, 'turnstile', 'x')).not.toBe(await keyedHash(`${SECRET}!`, 'turnstile', 'x'));
  });

  it('leave the email hashes as they were, so that every pledge already stored is still recognised', async () => {
    expect(await emailHmacOf('Reader@Example.org', SECRET)).toBe(await hmacSha256Hex(SECRET, 'reader@example.org'));
  });
});
