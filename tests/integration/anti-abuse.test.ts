// Turnstile, the honeypot and the rate limit, through the pledge service against the local libSQL server and a local
// stand-in for Turnstile's siteverify.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HONEYPOT_FIELD } from '../../src/lib/forms/handle-form-post.ts';
import { pledgeService } from '../../src/lib/pledge/pledge-service.ts';
import type { RateLimiter } from '../../src/lib/security/rate-limit.ts';
import { TOKEN_FIELD } from '../../src/lib/security/turnstile.ts';
import { countingLimiter } from '../support/fake-platform.ts';
import { formPost } from '../support/form-post.ts';
import { useLocalDatabase } from '../support/local-database.ts';
import { STAND_IN_SECRET, startTurnstileStandIn } from '../support/turnstile-stand-in.ts';

const local = useLocalDatabase();
const SITE = new URL('https://walkaway.test/pledge');
let standIn: Awaited<ReturnType<typeof startTurnstileStandIn>>;

beforeAll(async () => {
  standIn = await startTurnstileStandIn();
});
afterAll(() => standIn.close());

const rows = () => local.count('SELECT count(*) FROM pledges');

/** Turnstile on, verified by the stand-in (or an address where nothing answers). */
const withTurnstile = (verifyUrl = standIn.url) =>
  local.platform({ secrets: { turnstileSiteKey: 'site-key', turnstileSecretKey: STAND_IN_SECRET, turnstileVerifyUrl: verifyUrl }, fetch });
/** Turnstile off, the pledge rate limiter bound. */
const withLimiter = (limiter: RateLimiter) => local.platform({ rateLimiters: { pledge: limiter, story: undefined } });

function post(fields: Record<string, unknown>, headers: Record<string, string> = {}) {
  return formPost('/api/pledge', { email: `p-${randomUUID()}@example.org`, ...fields }, { headers });
}
const take = async (request: Request, platform: ReturnType<typeof withTurnstile> = withTurnstile()) =>
  pledgeService(await platform).take(request, SITE);

describe('Turnstile, verified against a local stand-in', () => {
  it('records a pledge with a valid token', async () => {
    expect(await take(post({ [TOKEN_FIELD]: `valid-${randomUUID()}` }))).toMatchObject({ kind: 'recorded' });
    expect(await rows()).toBe(1);
  });

  it.each([
    ['no token', undefined],
    ['an invalid token', 'forged-token'],
    ['a token issued on another site', `other-host-${randomUUID()}`],
    ['a token issued for another form', `other-action-${randomUUID()}`],
  ])('refuses %s with a message and saves nothing', async (_case, token) => {
    const outcome = await take(post(token ? { [TOKEN_FIELD]: token } : {}));
    expect(outcome).toMatchObject({ kind: 'invalid', errors: { turnstile: 'humanCheck' } });
    expect(await rows()).toBe(0);
  });

  it('refuses a replayed token for another pledge, but accepts the same pledge retried', async () => {
    const token = `valid-${randomUUID()}`;
    const idempotencyKey = randomUUID();
    const email = 'retry@example.org';
    expect(await take(post({ email, idempotencyKey, [TOKEN_FIELD]: token }))).toMatchObject({ kind: 'recorded' });
    expect(await take(post({ email, idempotencyKey, [TOKEN_FIELD]: token }))).toMatchObject({ kind: 'recorded' });
    expect(await take(post({ [TOKEN_FIELD]: token }))).toMatchObject({ kind: 'invalid' });
    expect(await rows()).toBe(1);
  });

  it('refuses a token replayed with the same form key for another email', async () => {
    const token = `valid-${randomUUID()}`;
    const idempotencyKey = randomUUID();
    expect(await take(post({ email: 'first@example.org', idempotencyKey, [TOKEN_FIELD]: token }))).toMatchObject({ kind: 'recorded' });
    expect(await take(post({ email: 'bot@example.org', idempotencyKey, [TOKEN_FIELD]: token }))).toMatchObject({ kind: 'invalid' });
    expect(await rows()).toBe(1);
  });

  it('answers "try again" when Turnstile cannot be reached, and saves nothing', async () => {
    const outcome = await take(post({ [TOKEN_FIELD]: `valid-${randomUUID()}` }), withTurnstile('http://127.0.0.1:9/siteverify'));
    expect(outcome).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
  });
});

describe('the honeypot', () => {
  it('answers a filled-in trap field exactly like a pledge, and stores nothing', async () => {
    await take(post({ [TOKEN_FIELD]: `valid-${randomUUID()}` }));
    const bot = await take(post({ [TOKEN_FIELD]: `valid-${randomUUID()}`, [HONEYPOT_FIELD]: 'https://spam.test' }));
    const person = await take(post({ [TOKEN_FIELD]: `valid-${randomUUID()}` }));
    expect(bot).toEqual(person);
    expect(person).toEqual({ kind: 'recorded', format: 'json', locale: 'en' });
    expect(await rows()).toBe(2);
  });
});

describe('the rate limit', () => {
  it('refuses the sender past the limit, keyed on a hash of the address, while others go on', async () => {
    const limiter = countingLimiter(2);
    const limited = withLimiter(limiter);
    const from = (address: string) => post({}, { 'cf-connecting-ip': address });
    expect((await take(from('203.0.113.7'), limited)).kind).toBe('recorded');
    expect((await take(from('203.0.113.7'), limited)).kind).toBe('recorded');
    expect(await take(from('203.0.113.7'), limited)).toMatchObject({ kind: 'limited', values: { email: expect.any(String) } });
    expect((await take(from('198.51.100.1'), limited)).kind).toBe('recorded');
    expect(limiter.keys.every((key) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(limiter.keys.join()).not.toContain('203.0.113.7');
    expect(await rows()).toBe(3);
  });

  it('counts an IPv6 client by its /64, so changing address within it does not step past the limit', async () => {
    const limiter = countingLimiter(2);
    const limited = withLimiter(limiter);
    const from = (address: string) => post({}, { 'cf-connecting-ip': address });
    expect((await take(from('2001:db8:1:2::1'), limited)).kind).toBe('recorded');
    expect((await take(from('2001:db8:1:2:aaaa::9'), limited)).kind).toBe('recorded');
    expect((await take(from('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'), limited)).kind).toBe('limited');
    expect((await take(from('2001:db8:1:3::1'), limited)).kind).toBe('recorded');
  });

  it('does not count invalid submissions against the limit', async () => {
    const limiter = countingLimiter(1);
    const limited = withLimiter(limiter);
    const from = (fields: Record<string, unknown>) => post(fields, { 'cf-connecting-ip': '203.0.113.9' });
    for (let typo = 0; typo < 3; typo += 1) {
      expect((await take(from({ email: 'not-an-email' }), limited)).kind).toBe('invalid');
    }
    expect((await take(from({}), limited)).kind).toBe('recorded');
    expect((await take(from({}), limited)).kind).toBe('limited');
  });

  it('fails closed when the limiter itself fails', async () => {
    const broken = withLimiter({ limit: async () => Promise.reject(new Error('binding down')) });
    expect(await take(post({}), broken)).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
  });
});
