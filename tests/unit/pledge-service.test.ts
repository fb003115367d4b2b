// The pledge service on a fake platform: every rule between a valid form and its answer.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HONEYPOT_FIELD } from '../../src/lib/forms/handle-form-post.ts';
import { DEVELOPMENT_HMAC_SECRET } from '../../src/config.ts';
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
  it('is stored, and answered without a count: the count its write produced would tell a new pledge from a repeat', async () => {
    await addPledges(platform, ['GB', 'FR']);
    expect(await pledge({ country: 'GB' })).toEqual({ kind: 'recorded', format: 'json', locale: 'en' });
    expect(await rows()).toBe(3);
  });

  it('is answered the same, among others, whether the address pledged before or not', async () => {
    const answers = [];
    for (const email of ['a@example.org', 'victim@example.org', 'b@example.org', 'Victim@Example.org', 'c@example.org']) answers.push(await pledge({ email }));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(await rows()).toBe(4);
  });

  it('makes its fresh count the one every tally reader is answered with, at no extra database read', async () => {
    await pledge();
    const calls = platform.databaseCalls();
    expect((await tallyService(platform).current(SITE))?.total).toBe(1);
    expect(platform.databaseCalls()).toBe(calls);
  });

  it('is counted once when the same person pledges again, in another spelling', async () => {
    await pledge({ email: 'Jane.Doe@Gmail.com' });
    expect(await pledge({ email: 'janedoe+again@googlemail.com' })).toMatchObject({ kind: 'recorded' });
    expect(await rows()).toBe(1);
  });
});

describe("a pledge from a partner's frame", () => {
  it("is the partner's, whatever code the form carried", async () => {
    const take = (fields: Record<string, unknown>) =>
      pledgeService(platform).take(formPost('/embed/pledge', { email: `p-${randomUUID()}@example.org`, ...fields }), SITE, { source: 'a-partner' });
    await take({ ref: 'another-partner' });
    await take({});
    await pledge({ ref: 'a-free-code' });
    const sources = (await platform.sql.execute('SELECT source FROM pledges ORDER BY id')).rows.map((row) => row[0]);
    expect(sources).toEqual(['a-partner', 'a-partner', 'a-free-code']);
  });

  it('goes through the same checks: an invalid one is shown again with what was typed, and nothing is stored', async () => {
    const outcome = await pledgeService(platform).take(formPost('/embed/pledge', { email: 'not-an-email', firstName: 'Ana' }), SITE, { source: 'a-partner' });
    expect(outcome).toMatchObject({ kind: 'invalid', errors: { email: 'emailFormat' }, values: { email: 'not-an-email', firstName: 'Ana', ref: 'a-partner' } });
    expect(await rows()).toBe(0);
  });
});

describe('a pledge while the database falters', () => {
  it('goes to the queue, and is told so without a number, never "0"', async () => {
    platform.setDatabase('down');
    const outcome = await pledge({ email: 'queued@example.org', country: 'FR' });
    expect(outcome).toEqual({ kind: 'recorded', format: 'json', locale: 'en', queued: true });
    expect(platform.queued).toEqual([expect.objectContaining({ country: 'FR', emailHmac: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(JSON.stringify(platform.queued)).not.toContain('queued@example.org');
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

const DEPLOYED = 'libsql://walkaway.turso.io';
const ON = { turnstileSiteKey: 'site', turnstileSecretKey: 'secret' };
const siteverify = (answer: object) => vi.fn(async () => Response.json(answer));
const passing = () => siteverify({ success: true, hostname: 'walkaway.test', action: 'pledge' });

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

  it('counts only sends that passed Turnstile: one sender without valid tokens cannot lock out a shared address', async () => {
    const limiter = countingLimiter(2);
    const fetch: typeof globalThis.fetch = async (_url, init) =>
      Response.json(JSON.parse(String(init?.body)).response === 'good' ? { success: true, hostname: 'walkaway.test', action: 'pledge' } : { success: false });
    await given({ secrets: ON, fetch, rateLimiters: { pledge: limiter, story: undefined } });
    const shelter = { 'cf-connecting-ip': '198.51.100.7' };
    for (let n = 0; n < 10; n += 1) expect(await pledge({ [TOKEN_FIELD]: 'forged' }, shelter)).toMatchObject({ kind: 'invalid' });
    expect(await pledge({ [TOKEN_FIELD]: 'good' }, shelter)).toMatchObject({ kind: 'recorded' });
    expect(limiter.keys).toHaveLength(1);
  });

  it('counts an IPv6 sender by CF-Connecting-IPv6 when Cloudflare sends it beside a pseudo IPv4 address', async () => {
    const limiter = countingLimiter(1);
    await given({ rateLimiters: { pledge: limiter, story: undefined } });
    const phone = (pseudo: string, host: string) => ({ 'cf-connecting-ip': pseudo, 'cf-connecting-ipv6': `2001:db8:1:2::${host}` });
    expect(await pledge({}, phone('240.0.0.1', '1'))).toMatchObject({ kind: 'recorded' });
    expect(await pledge({}, phone('240.0.0.2', '2'))).toMatchObject({ kind: 'limited' });
    expect(await pledge({}, { 'cf-connecting-ip': '240.0.0.1', 'cf-connecting-ipv6': '2001:db8:9:9::1' })).toMatchObject({ kind: 'recorded' });
  });

  it('ignores a CF-Connecting-IPv6 header beside a real IPv4 address: a client cannot name itself anew with each request', async () => {
    const limiter = countingLimiter(1);
    await given({ rateLimiters: { pledge: limiter, story: undefined } });
    expect(await pledge({}, { 'cf-connecting-ip': '203.0.113.77', 'cf-connecting-ipv6': '2001:db8:a::1' })).toMatchObject({ kind: 'recorded' });
    expect(await pledge({}, { 'cf-connecting-ip': '203.0.113.77', 'cf-connecting-ipv6': '2001:db8:b::1' })).toMatchObject({ kind: 'limited' });
  });

  it('answers "try again" when the limiter itself fails', async () => {
    await given({ rateLimiters: { pledge: { limit: async () => Promise.reject(new Error('limiter down')) }, story: undefined } });
    expect(await pledge()).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
  });
});

describe('Turnstile', () => {
  it('is off in a local run without keys, said once in the log, and the page shows no widget', async () => {
    expect(await pledge()).toMatchObject({ kind: 'recorded' });
    expect(await pledge()).toMatchObject({ kind: 'recorded' });
    expect((await pledgeService(platform).formPage(SITE)).turnstileSiteKey).toBeUndefined();
    expect(platform.lines.filter((line) => line.includes('Turnstile is off in this local run'))).toHaveLength(1);
  });

  it('fails closed in a deployed Worker without keys, said loudly, and takes nothing', async () => {
    await given({ secrets: { databaseUrl: DEPLOYED } });
    expect(await pledge()).toMatchObject({ kind: 'unavailable' });
    expect((await pledgeService(platform).formPage(SITE)).turnstileSiteKey).toBeUndefined();
    expect(await rows()).toBe(0);
    expect(platform.lines.join('\n')).toContain('Turnstile keys are not set: forms are refused');
  });

  it('is off in a deployed Worker only when TURNSTILE_DISABLED is true, keys or not, said in the log', async () => {
    for (const notQuite of ['1', 'yes', 'TRUE ', 'false']) {
      await given({ secrets: { databaseUrl: DEPLOYED, turnstileDisabled: notQuite } });
      expect(await pledge()).toMatchObject({ kind: 'unavailable' });
    }
    await given({ secrets: { databaseUrl: DEPLOYED, turnstileDisabled: 'true' } });
    expect(await pledge()).toMatchObject({ kind: 'recorded' });
    expect(platform.lines.join('\n')).toContain('Turnstile is off: TURNSTILE_DISABLED is true');
    await given({ secrets: { databaseUrl: DEPLOYED, turnstileDisabled: 'true', ...ON } });
    expect((await pledgeService(platform).formPage(SITE)).turnstileSiteKey).toBeUndefined();
    expect(await pledge()).toMatchObject({ kind: 'recorded' });
  });

  it("refuses Cloudflare's published test keys in a deployed Worker, which would let every bot through", async () => {
    await given({ secrets: { databaseUrl: DEPLOYED, turnstileSiteKey: '1x00000000000000000000AA', turnstileSecretKey: '1x0000000000000000000000000000000AA' }, fetch: passing() });
    expect(await pledge({ [TOKEN_FIELD]: 'XXXX.DUMMY.TOKEN.XXXX' })).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
    expect(platform.lines.join('\n')).toContain('published test keys');
  });

  it('with both keys checks each token with siteverify, for this host and the pledge form only', async () => {
    const fetch = passing();
    await given({ secrets: ON, fetch });
    expect((await pledgeService(platform).formPage(SITE)).turnstileSiteKey).toBe('site');
    expect(await pledge({ [TOKEN_FIELD]: 'token' })).toMatchObject({ kind: 'recorded' });
    expect(JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toMatchObject({ secret: 'secret', response: 'token' });

    platform.fetch = siteverify({ success: true, hostname: 'walkaway.test', action: 'speak-out' });
    expect(await pledge({ [TOKEN_FIELD]: 'story-token' })).toMatchObject({ kind: 'invalid', errors: { turnstile: 'humanCheck' } });
    expect(await pledge()).toMatchObject({ kind: 'invalid', errors: { turnstile: 'humanCheck' } });
    expect(await rows()).toBe(1);
  });

  it('lets the same pledge verify its token again, but not the same form key with another email', async () => {
    const fetch = passing();
    await given({ secrets: ON, fetch });
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

  it('asks Cloudflare in a deployed Worker, whatever TURNSTILE_VERIFY_URL says: another address is only for tests', async () => {
    const fetch = passing();
    await given({ secrets: { ...ON, databaseUrl: DEPLOYED, turnstileVerifyUrl: 'https://evil.example/always-yes' }, fetch });
    await pledge({ [TOKEN_FIELD]: 'token' });
    expect(String((fetch.mock.calls[0] as unknown as [string])[0])).toBe('https://challenges.cloudflare.com/turnstile/v0/siteverify');
  });

  it('answers "try again" when siteverify cannot be reached', async () => {
    await given({ secrets: ON });
    expect(await pledge({ [TOKEN_FIELD]: 'token' })).toMatchObject({ kind: 'unavailable' });
  });
});

describe('a deployed Worker given published development values', () => {
  it('refuses the development PLEDGE_HMAC_SECRET: nothing is keyed with a secret anyone can read', async () => {
    await given({ secrets: { databaseUrl: DEPLOYED, hmacSecret: DEVELOPMENT_HMAC_SECRET, turnstileDisabled: 'true' } });
    expect(await pledge()).toMatchObject({ kind: 'unavailable' });
    expect(await rows()).toBe(0);
    expect(platform.lines.join('\n')).toContain('PLEDGE_HMAC_SECRET is the published development value');
  });

  it('takes it in a local run, whose database is on this machine', async () => {
    await given({ secrets: { hmacSecret: DEVELOPMENT_HMAC_SECRET } });
    expect(await pledge()).toMatchObject({ kind: 'recorded' });
  });
});

describe('a send with the trap field filled in', () => {
  it('is answered exactly as a person is, and nothing is stored or counted', async () => {
    await addPledges(platform, ['GB']);
    const person = await pledge();
    expect(await pledge({ [HONEYPOT_FIELD]: 'https://spam.example' })).toEqual(person);
    expect(await rows()).toBe(2);
    expect(platform.lines.join('\n')).toContain('trap field filled in');
  });

  it('names a field no autofill fills in, and an empty or blank one is no trap', async () => {
    expect(HONEYPOT_FIELD).not.toMatch(/website|url|name|email|phone|address|company|organi[sz]ation|homepage/i);
    expect(await pledge({ [HONEYPOT_FIELD]: '  ' })).toMatchObject({ kind: 'recorded' });
    expect(await rows()).toBe(1);
  });
});
