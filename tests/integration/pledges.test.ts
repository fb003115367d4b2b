// Pledges through the pledge service against the local libSQL server: what is stored, repeats, share codes,
// concurrency, invalid input and an unreachable database.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '../../src/config.ts';
import { openDatabase } from '../../src/lib/db/client.ts';
import { type PledgeOutcome, pledgeService } from '../../src/lib/pledge/pledge-service.ts';
import { readTally } from '../../src/lib/tally/read-tally.ts';
import type { FakePlatformOptions } from '../support/fake-platform.ts';
import { formPost, type PostFormat } from '../support/form-post.ts';
import { useLocalDatabase } from '../support/local-database.ts';

const local = useLocalDatabase();
const SITE = new URL('https://walkaway.test/pledge');

const pledgeRequest = (body: Record<string, unknown>, format: PostFormat = 'json') => formPost('/api/pledge', body, { format });
const take = async (request: Request, options: FakePlatformOptions = {}) => pledgeService(await local.platform(options)).take(request, SITE);
const pledge = (body: Record<string, unknown>, format: PostFormat = 'json') => take(pledgeRequest(body, format));

async function counts() {
  return {
    pledges: await local.count('SELECT count(*) FROM pledges'),
    subscribers: await local.count('SELECT count(*) FROM subscribers'),
    tally: await local.count('SELECT total FROM tally WHERE id = 1'),
  };
}

describe('a new pledge', () => {
  it('is stored without the raw email, counted, and answered without a count', async () => {
    expect(await pledge({ email: 'Walker@Example.org', firstName: 'Ana', country: 'gb' })).toEqual({
      kind: 'recorded',
      format: 'json',
      locale: 'en',
    });
    const { rows } = await local.sql.execute('SELECT * FROM pledges');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ first_name: 'Ana', country: 'GB' });
    expect(rows[0]?.email_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/walker/i);
    expect(await counts()).toEqual({ pledges: 1, subscribers: 0, tally: 1 });
    expect(await readTally(openDatabase({ url: local.url }))).toMatchObject({ total: 1, byCountry: {} });
    expect(await local.count("SELECT total FROM tally_by_country WHERE country = 'GB'")).toBe(1);
  });

  it('keeps the email only for someone who asked for updates, with the consent version and its language', async () => {
    await pledge({ email: ' Jane.Doe@Example.org ', updates: 'on' }, 'form');
    await pledge({ email: 'ana@example.org', updates: 'on', locale: 'es' }, 'form');
    const { rows } = await local.sql.execute('SELECT email, consent_version, withdrawn_at FROM subscribers ORDER BY email');
    expect(rows).toEqual([
      expect.objectContaining({ email: 'ana@example.org', consent_version: `${CONSENT_VERSION}/es`, withdrawn_at: null }),
      expect.objectContaining({ email: 'jane.doe@example.org', consent_version: `${CONSENT_VERSION}/en`, withdrawn_at: null }),
    ]);
  });
});

describe('the share code a pledge came through', () => {
  it('is stored with the pledge, from the form and from JSON, and a malformed one is ignored', async () => {
    await pledge({ email: 'via-form@example.org', ref: 'partner-one' }, 'form');
    await pledge({ email: 'via-json@example.org', ref: 'share-whatsapp' });
    expect(await pledge({ email: 'odd@example.org', ref: 'Not A Code!' })).toMatchObject({ kind: 'recorded' });
    const { rows } = await local.sql.execute('SELECT source FROM pledges ORDER BY id');
    expect(rows.map((row) => row.source)).toEqual(['partner-one', 'share-whatsapp', null]);
  });
});

describe('a repeated pledge', () => {
  it.each([
    ['another case', 'Jane.Doe@Gmail.com', 'JANE.DOE@GMAIL.COM'],
    ['surrounding spaces', 'jane@example.org', '   jane@example.org  '],
    ['Gmail dots and a +tag', 'jane.doe@gmail.com', 'janedoe+walkaway@googlemail.com'],
  ])('with %s gets exactly the same answer and is not counted twice', async (_variant, first, again) => {
    const firstOutcome = await pledge({ email: first });
    const secondOutcome = await pledge({ email: again });
    expect(secondOutcome).toEqual(firstOutcome);
    expect(await counts()).toMatchObject({ pledges: 1, tally: 1 });
  });

  it('with the same form reference (a retried submission) is not counted twice', async () => {
    const idempotencyKey = randomUUID();
    await pledge({ email: 'retry@example.org', idempotencyKey });
    await pledge({ email: 'retry@example.org', idempotencyKey });
    expect(await counts()).toMatchObject({ pledges: 1, tally: 1 });
  });

  it('that now asks for updates subscribes the person once', async () => {
    await pledge({ email: 'late@example.org' });
    await pledge({ email: 'late@example.org', updates: true });
    await pledge({ email: 'late@example.org', updates: true });
    expect(await counts()).toEqual({ pledges: 1, subscribers: 1, tally: 1 });
  });
});

describe('under concurrency', () => {
  it('200 distinct people and 50 duplicates at once leave the tally equal to the people and the rows', async () => {
    const people = Array.from({ length: 200 }, (_, i) => `person${i}@example.org`);
    const duplicates = people.slice(0, 50).map((email) => email.toUpperCase());
    // Long enough that none of them, however the machine is loaded, is queued: this is about counting, not timeouts.
    const platform = await local.platform({ settings: { DATABASE_TIMEOUT_MS: 600_000 } });
    const outcomes = await Promise.all(
      [...people, ...duplicates].map((email) => pledgeService(platform).take(pledgeRequest({ email, country: 'FR' }), SITE)),
    );
    expect(outcomes.every((outcome) => outcome.kind === 'recorded' && !('queued' in outcome))).toBe(true);
    expect(platform.lines.filter((line) => /failed|not written|could not/.test(line))).toEqual([]);
    expect(await counts()).toEqual({ pledges: 200, subscribers: 0, tally: 200 });
    const byCountry = await local.sql.execute("SELECT total FROM tally_by_country WHERE country = 'FR'");
    expect(Number(byCountry.rows[0]?.total)).toBe(200);
  });
});

describe('invalid input', () => {
  const key = randomUUID();
  it.each<[string, Request, Partial<PledgeOutcome>]>([
    ['a missing email', pledgeRequest({ email: '' }), { kind: 'invalid', errors: { email: 'emailMissing' } }],
    ['a formula as first name', pledgeRequest({ email: 'a@b.org', firstName: '=1+1' }), { kind: 'invalid' }],
    ['an unknown country', pledgeRequest({ email: 'a@b.org', country: 'XX' }), { kind: 'invalid' }],
    ['a bad form reference', pledgeRequest({ email: 'a@b.org', idempotencyKey: 'nope' }), { kind: 'invalid' }],
    [
      'a body that is not JSON',
      new Request('http://walkaway.test/api/pledge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      { kind: 'refused', status: 400 },
    ],
    [
      'a plain-text body',
      new Request('http://walkaway.test/api/pledge', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: key }),
      { kind: 'refused', status: 415 },
    ],
    [
      'a body over 8 KB',
      pledgeRequest({ email: 'a@b.org', firstName: 'x'.repeat(9_000) }),
      { kind: 'refused', status: 413 },
    ],
  ])('%s is refused and nothing is written', async (_case, request, expected) => {
    expect(await take(request)).toMatchObject(expected);
    expect(await counts()).toEqual({ pledges: 0, subscribers: 0, tally: 0 });
  });
});

describe('when the database is unreachable and the pledge cannot be queued either', () => {
  it('answers "try again", keeps what was typed and leaves no partial rows', async () => {
    await pledge({ email: 'before@example.org', updates: true });
    await local.database.stop();
    try {
      const outcome = await take(pledgeRequest({ email: 'during@example.org', firstName: 'Ana', updates: 'on' }, 'form'), { queue: 'unbound' });
      expect(outcome).toMatchObject({
        kind: 'unavailable',
        format: 'form',
        values: { email: 'during@example.org', firstName: 'Ana', updates: true },
      });
    } finally {
      await local.database.restart();
    }
    expect(await counts()).toEqual({ pledges: 1, subscribers: 1, tally: 1 });
    expect(await pledge({ email: 'after@example.org' })).toMatchObject({ kind: 'recorded' });
    expect(await counts()).toEqual({ pledges: 2, subscribers: 1, tally: 2 });
  });
});
