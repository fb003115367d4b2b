import { randomUUID } from 'node:crypto';
import { createClient, type Client } from '@libsql/client/web';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/db/client';
import { HONEYPOT_FIELD } from '../../src/lib/forms/handle-form-post';
import { handlePledge, type HandlePledgeDeps } from '../../src/lib/pledge/handle-pledge';
import { checkRateLimit, type RateLimiter } from '../../src/lib/security/rate-limit';
import { TOKEN_FIELD, verificationKey, verifyTurnstile } from '../../src/lib/security/turnstile';
import { readTally } from '../../src/lib/tally/read-tally';
import { createTestDatabase, type TestDatabase } from '../support/local-database';
import { recordDirectly } from '../support/record-directly';
import { STAND_IN_SECRET, startTurnstileStandIn } from '../support/turnstile-stand-in';

let database: TestDatabase;
let sql: Client;
let standIn: Awaited<ReturnType<typeof startTurnstileStandIn>>;

beforeAll(async () => {
  database = await createTestDatabase();
  sql = createClient({ url: database.server.url });
  standIn = await startTurnstileStandIn();
});
afterAll(async () => {
  sql.close();
  await standIn.close();
  await database.dispose();
});
beforeEach(async () => {
  await sql.batch(['DELETE FROM subscribers', 'DELETE FROM pledges', 'UPDATE tally SET total = 0'], 'write');
});

const rows = async () => Number((await sql.execute('SELECT count(*) FROM pledges')).rows[0]?.[0]);

function deps(overrides: Partial<HandlePledgeDeps> = {}, verifyUrl = standIn.url): HandlePledgeDeps {
  const db = openDatabase({ url: database.server.url });
  return {
    record: recordDirectly(database.server.url, { hmacSecret: 's' }),
    currentTotal: async () => (await readTally(db)).total,
    verifyHuman: async (token, pledge) =>
      verifyTurnstile(token, { idempotencyKey: await verificationKey(pledge, 's'), hostname: 'walkaway.test' }, {
        secret: STAND_IN_SECRET,
        verifyUrl,
        fetch,
      }),
    logError: () => undefined,
    ...overrides,
  };
}

function post(fields: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Request('https://walkaway.test/api/pledge', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: `p-${randomUUID()}@example.org`, idempotencyKey: randomUUID(), ...fields }),
  });
}

describe('Turnstile, verified against a local stand-in', () => {
  it('records a pledge with a valid token', async () => {
    expect(await handlePledge(post({ [TOKEN_FIELD]: `valid-${randomUUID()}` }), deps())).toMatchObject({ kind: 'recorded' });
    expect(await rows()).toBe(1);
  });

  it.each([
    ['no token', undefined],
    ['an invalid token', 'forged-token'],
    ['a token issued on another site', `other-host-${randomUUID()}`],
    ['a token issued for another form', `other-action-${randomUUID()}`],
  ])('refuses %s with a message and saves nothing', async (_case, token) => {
    const outcome = await handlePledge(post(token ? { [TOKEN_FIELD]: token } : {}), deps());
    expect(outcome).toMatchObject({ kind: 'invalid', errors: { turnstile: 'humanCheck' } });
    expect(await rows()).toBe(0);
  });

  it('refuses a replayed token for another pledge, but accepts the same pledge retried', async () => {
    const token = `valid-${randomUUID()}`;
    const idempotencyKey = randomUUID();
    const email = 'retry@example.org';
    expect(await handlePledge(post({ email, idempotencyKey, [TOKEN_FIELD]: token }), deps())).toMatchObject({ kind: 'recorded' });
    expect(await handlePledge(post({ email, idempotencyKey, [TOKEN_FIELD]: token }), deps())).toMatchObject({ kind: 'recorded' });
    expect(await handlePledge(post({ [TOKEN_FIELD]: token }), deps())).toMatchObject({ kind: 'invalid' });
    expect(await rows()).toBe(1);
  });

  it('refuses a token replayed with the same form key for another email', async () => {
    const token = `valid-${randomUUID()}`;
    const idempotencyKey = randomUUID();
    expect(await handlePledge(post({ email: 'first@example.org', idempotencyKey, [TOKEN_FIELD]: token }), deps())).toMatchObject({ kind: 'recorded' });
    expect(await handlePledge(post({ email: 'bot@example.org', idempotencyKey, [TOKEN_FIELD]: token }), deps())).toMatchObject({ kind: 'invalid' });
    expect(await rows()).toBe(1);
  });

  it('answers "try again" when Turnstile cannot be reached, and saves nothing', async () => {
    const outcome = await handlePledge(post({ [TOKEN_FIELD]: `valid-${randomUUID()}` }), deps({}, 'http://127.0.0.1:9/siteverify'));
    expect(outcome).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
  });
});

describe('the honeypot', () => {
  it('answers a filled-in honeypot exactly like a pledge, and stores nothing', async () => {
    await handlePledge(post({ [TOKEN_FIELD]: `valid-${randomUUID()}` }), deps());
    const bot = await handlePledge(post({ [HONEYPOT_FIELD]: 'https://spam.test' }), deps());
    const person = await handlePledge(post({ [TOKEN_FIELD]: `valid-${randomUUID()}` }), deps());
    expect(bot).toEqual({ kind: 'recorded', format: 'json', total: 1, locale: 'en' });
    expect(person).toEqual({ kind: 'recorded', format: 'json', total: 2, locale: 'en' });
    expect(await rows()).toBe(2);
  });
});

describe('the rate limit', () => {
  /** Stands in for the Workers binding: allows `limit` calls per key. */
  function countingLimiter(limit: number): RateLimiter & { keys: string[] } {
    const counts = new Map<string, number>();
    const keys: string[] = [];
    return {
      keys,
      limit: async ({ key }) => {
        keys.push(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return { success: (counts.get(key) ?? 0) <= limit };
      },
    };
  }

  it('refuses the sender past the limit, keyed on a hash of the address, while others go on', async () => {
    const limiter = countingLimiter(2);
    const limited = deps({ rateLimit: (request) => checkRateLimit(request, { limiter, secret: 'k' }), verifyHuman: undefined });
    const from = (address: string) => post({}, { 'cf-connecting-ip': address });
    expect((await handlePledge(from('203.0.113.7'), limited)).kind).toBe('recorded');
    expect((await handlePledge(from('203.0.113.7'), limited)).kind).toBe('recorded');
    expect(await handlePledge(from('203.0.113.7'), limited)).toMatchObject({ kind: 'limited', values: { email: expect.any(String) } });
    expect((await handlePledge(from('198.51.100.1'), limited)).kind).toBe('recorded');
    expect(limiter.keys.every((key) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(limiter.keys.join()).not.toContain('203.0.113.7');
    expect(await rows()).toBe(3);
  });

  it('counts an IPv6 client by its /64, so changing address within it does not step past the limit', async () => {
    const limiter = countingLimiter(2);
    const limited = deps({ rateLimit: (request) => checkRateLimit(request, { limiter, secret: 'k' }), verifyHuman: undefined });
    const from = (address: string) => post({}, { 'cf-connecting-ip': address });
    expect((await handlePledge(from('2001:db8:1:2::1'), limited)).kind).toBe('recorded');
    expect((await handlePledge(from('2001:db8:1:2:aaaa::9'), limited)).kind).toBe('recorded');
    expect((await handlePledge(from('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'), limited)).kind).toBe('limited');
    expect((await handlePledge(from('2001:db8:1:3::1'), limited)).kind).toBe('recorded');
  });

  it('does not count invalid submissions against the limit', async () => {
    const limiter = countingLimiter(1);
    const limited = deps({ rateLimit: (request) => checkRateLimit(request, { limiter, secret: 'k' }), verifyHuman: undefined });
    const from = (fields: Record<string, unknown>) => post(fields, { 'cf-connecting-ip': '203.0.113.9' });
    for (let typo = 0; typo < 3; typo += 1) {
      expect((await handlePledge(from({ email: 'not-an-email' }), limited)).kind).toBe('invalid');
    }
    expect((await handlePledge(from({}), limited)).kind).toBe('recorded');
    expect((await handlePledge(from({}), limited)).kind).toBe('limited');
  });

  it('fails closed when the limiter itself fails', async () => {
    const broken = deps({ rateLimit: async () => Promise.reject(new Error('binding down')), verifyHuman: undefined });
    expect(await handlePledge(post({}), broken)).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
  });
});
