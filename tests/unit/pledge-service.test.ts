// The pledge service on a fake platform: every rule between a valid form and its answer.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HONEYPOT_FIELD } from '../../src/lib/forms/handle-form-post.ts';
import { pledgeService } from '../../src/lib/pledge/pledge-service.ts';
import { TOKEN_FIELD } from '../../src/lib/security/turnstile.ts';
import { tallyService } from '../../src/lib/tally/tally-service.ts';
import { addPledges, countingLimiter, type FakePlatform, fakePlatform, type FakePlatformOptions, untilDatabaseCalled } from '../support/fake-platform.ts';
import { formPost } from '../support/form-post.ts';

const SITE = new URL('https://walkaway.test/pledge');
let platform: FakePlatform;
const platforms: FakePlatform[] = [];

async function given(options: FakePlatformOptions = {}) {
  platform = await fakePlatform(options);
  platforms.push(platform);
  return platform;
}
beforeEach(() => given());
afterEach(() => {
  vi.useRealTimers();
  for (const each of platforms.splice(0)) each.dispose();
});

const pledge = (fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  pledgeService(platform).take(formPost('/api/pledge', { email: `p-${randomUUID()}@example.org`, ...fields }, { headers }), SITE);
const rows = async () => Number((await platform.sql.execute('SELECT count(*) FROM pledges')).rows[0]![0]);

describe('a pledge while the database answers', () => {
  it('is stored and answered with the count its own write produced', async () => {
    await addPledges(platform, ['GB', 'FR']);
    expect(await pledge({ country: 'GB' })).toEqual({ kind: 'recorded', format: 'json', locale: 'en', total: 3 });
    expect(await rows()).toBe(3);
  });

  it('makes its fresh count the one every tally reader is answered with, at no extra database read', async () => {
    await pledge();
    const calls = platform.databaseCalls();
    expect((await tallyService(platform).current(SITE))?.total).toBe(1);
    expect(platform.databaseCalls()).toBe(calls);
  });

  it('is answered the same when the same person pledges again, and counted once', async () => {
    await pledge({ email: 'Jane.Doe@Gmail.com' });
    expect(await pledge({ email: 'janedoe+again@googlemail.com' })).toMatchObject({ kind: 'recorded', total: 1 });
    expect(await rows()).toBe(1);
  });
});

describe('a pledge while the database falters', () => {
  it('goes to the queue, and on an isolate that knows no count is told so without a number, never "0"', async () => {
    platform.setDatabase('down');
    const outcome = await pledge({ email: 'queued@example.org', country: 'FR' });
    expect(outcome).toEqual({ kind: 'recorded', format: 'json', locale: 'en', queued: true });
    expect(platform.queued).toEqual([expect.objectContaining({ country: 'FR', emailHmac: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(JSON.stringify(platform.queued)).not.toContain('queued@example.org');
  });

  it('is told the last count this isolate knew, read without the database', async () => {
    await addPledges(platform, ['GB', 'GB']);
    await tallyService(platform).current(SITE);
    platform.setDatabase('down');
    expect(await pledge()).toMatchObject({ kind: 'recorded', queued: true, total: 2 });
  });

  it('goes to the queue once the write has taken DATABASE_TIMEOUT_MS, and not before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    platform.settings.DATABASE_TIMEOUT_MS = 1_000;
    platform.setDatabase('stalled');
    let outcome: unknown;
    const taking = pledge().then((answered) => (outcome = answered));
    await untilDatabaseCalled(platform);
    await vi.advanceTimersByTimeAsync(999);
    expect([outcome, platform.queued.length]).toEqual([undefined, 0]);
    await vi.advanceTimersByTimeAsync(1);
    await taking;
    expect(outcome).toMatchObject({ kind: 'recorded', queued: true });
    expect(platform.queued).toHaveLength(1);
  });

  it('is refused with "try again" when the queue is not bound either, said loudly once', async () => {
    await given({ queue: 'unbound' });
    platform.setDatabase('down');
    expect(await pledge()).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 5 });
    await pledge();
    expect(platform.lines.filter((line) => line.startsWith('[walkaway] PLEDGE_QUEUE is not bound'))).toHaveLength(1);
  });

  it('is refused with "try again" when the queue refuses it too', async () => {
    await given({ queue: 'refusing' });
    platform.setDatabase('down');
    expect(await pledge()).toMatchObject({ kind: 'unavailable' });
  });
});

describe('a deployment missing a part', () => {
  it('without PLEDGE_HMAC_SECRET stores and queues nothing, answers "try again" and says why in the log', async () => {
    await given({ secrets: { hmacSecret: undefined } });
    expect(await pledge()).toMatchObject({ kind: 'unavailable' });
    expect([await rows(), platform.queued.length]).toEqual([0, 0]);
    expect(platform.lines.join('\n')).toContain('PLEDGE_HMAC_SECRET is not set');
  });

  it('without PLEDGE_HMAC_SECRET, and Turnstile on, answers "try again" rather than an error page', async () => {
    await given({ secrets: { hmacSecret: undefined, turnstileSiteKey: 'site', turnstileSecretKey: 'secret' }, fetch: async () => Response.json({ success: true }) });
    expect(await pledge({ [TOKEN_FIELD]: 'token' })).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
  });

  it('without a database refuses the pledge rather than queue it for a database that is not coming', async () => {
    await given({ withoutDatabase: true });
    expect(await pledge()).toMatchObject({ kind: 'unavailable' });
    expect(platform.queued).toEqual([]);
    expect(platform.lines.join('\n')).toContain('TURSO_DATABASE_URL is not set');
  });
});

describe('the rate limit', () => {
  it('lets pledges through when no limiter is bound, saying so once', async () => {
    for (let n = 0; n < 12; n += 1) expect(await pledge()).toMatchObject({ kind: 'recorded' });
    expect(platform.lines.filter((line) => line.includes('PLEDGE_RATE_LIMITER is not bound'))).toHaveLength(1);
  });

  it('refuses the sender past the limit with the period to wait, keyed on a hash of the address', async () => {
    const limiter = countingLimiter(2);
    await given({ rateLimiters: { pledge: limiter, story: undefined } });
    const from = { 'cf-connecting-ip': '203.0.113.9' };
    expect([(await pledge({}, from)).kind, (await pledge({}, from)).kind]).toEqual(['recorded', 'recorded']);
    expect(await pledge({}, from)).toMatchObject({ kind: 'limited', retryAfterSeconds: 60 });
    expect(await pledge({}, { 'cf-connecting-ip': '203.0.113.10' })).toMatchObject({ kind: 'recorded' });
    expect(limiter.keys.join()).not.toContain('203.0.113');
  });

  it('answers "try again" when the limiter itself fails', async () => {
    await given({ rateLimiters: { pledge: { limit: async () => Promise.reject(new Error('limiter down')) }, story: undefined } });
    expect(await pledge()).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
  });
});

describe('Turnstile', () => {
  const siteverify = (answer: object) => vi.fn(async () => Response.json(answer));

  it('is off without keys, said once in the log, and the page shows no widget', async () => {
    expect(await pledge()).toMatchObject({ kind: 'recorded' });
    expect((await pledgeService(platform).formPage(SITE)).turnstileSiteKey).toBeUndefined();
    expect(platform.lines.filter((line) => line.includes('Turnstile is off'))).toHaveLength(1);
  });

  it('with both keys checks each token with siteverify, for this host and the pledge form only', async () => {
    const fetch = siteverify({ success: true, hostname: 'walkaway.test', action: 'pledge' });
    await given({ secrets: { turnstileSiteKey: 'site', turnstileSecretKey: 'secret' }, fetch });
    expect((await pledgeService(platform).formPage(SITE)).turnstileSiteKey).toBe('site');
    expect(await pledge({ [TOKEN_FIELD]: 'token' })).toMatchObject({ kind: 'recorded' });
    expect(JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toMatchObject({ secret: 'secret', response: 'token' });

    platform.fetch = siteverify({ success: true, hostname: 'walkaway.test', action: 'speak-out' });
    expect(await pledge({ [TOKEN_FIELD]: 'story-token' })).toMatchObject({ kind: 'invalid', errors: { turnstile: 'humanCheck' } });
    expect(await pledge()).toMatchObject({ kind: 'invalid', errors: { turnstile: 'humanCheck' } });
    expect(await rows()).toBe(1);
  });

  it('lets the same pledge verify its token again, but not the same form key with another email', async () => {
    const fetch = siteverify({ success: true, hostname: 'walkaway.test', action: 'pledge' });
    await given({ secrets: { turnstileSiteKey: 'site', turnstileSecretKey: 'secret' }, fetch });
    const keyOf = (call: number) => JSON.parse(String((fetch.mock.calls[call] as unknown as [string, RequestInit])[1].body)).idempotency_key;
    const form = randomUUID();
    await pledge({ email: 'a@example.org', idempotencyKey: form, [TOKEN_FIELD]: 't' });
    await pledge({ email: ' A@Example.org', idempotencyKey: form, [TOKEN_FIELD]: 't' });
    await pledge({ email: 'b@example.org', idempotencyKey: form, [TOKEN_FIELD]: 't' });
    expect(keyOf(1)).toBe(keyOf(0));
    expect(keyOf(2)).not.toBe(keyOf(0));
  });

  it('fails closed when only one of its keys is set: nothing is taken until both are', async () => {
    await given({ secrets: { turnstileSecretKey: 'secret' } });
    expect(await pledge({ [TOKEN_FIELD]: 'token' })).toMatchObject({ kind: 'unavailable' });
    expect((await pledgeService(platform).formPage(SITE)).turnstileSiteKey).toBeUndefined();
    expect(await rows()).toBe(0);
    expect(platform.lines.join('\n')).toContain('Turnstile is misconfigured');
  });

  it('answers "try again" when siteverify cannot be reached', async () => {
    await given({ secrets: { turnstileSiteKey: 'site', turnstileSecretKey: 'secret' } });
    expect(await pledge({ [TOKEN_FIELD]: 'token' })).toMatchObject({ kind: 'unavailable' });
  });
});

describe('a bot that fills in the honeypot', () => {
  it('is answered as a person would be, with the current count, and nothing is stored', async () => {
    await addPledges(platform, ['GB']);
    expect(await pledge({ [HONEYPOT_FIELD]: 'https://spam.example' })).toEqual({ kind: 'recorded', format: 'json', locale: 'en', total: 1 });
    expect(await rows()).toBe(1);
  });

  it('gets no number either when the count is unknown', async () => {
    platform.setDatabase('down');
    expect(await pledge({ [HONEYPOT_FIELD]: 'x' })).toEqual({ kind: 'recorded', format: 'json', locale: 'en', queued: true });
  });
});
