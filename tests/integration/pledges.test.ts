import { randomUUID } from 'node:crypto';
import { createClient, type Client } from '@libsql/client/web';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/db/client';
import { handlePledge, type PledgeOutcome } from '../../src/lib/pledge/handle-pledge';
import { readTally } from '../../src/lib/tally/read-tally';
import { createTestDatabase, type TestDatabase } from '../support/local-database';
import { recordDirectly } from '../support/record-directly';

let database: TestDatabase;
let sqlClient: Client;
const errors: unknown[] = [];

const deps = () => ({
  currentTotal: async () => (await readTally(openDatabase({ url: database.server.url }))).total,
  record: recordDirectly(database.server.url),
  logError: (_message: string, error: unknown) => errors.push(error),
});

function pledgeRequest(body: Record<string, unknown>, format: 'json' | 'form' = 'json') {
  const data = { idempotencyKey: randomUUID(), ...body };
  return new Request('http://walkaway.test/api/pledge', {
    method: 'POST',
    headers: { 'content-type': format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
    body:
      format === 'json'
        ? JSON.stringify(data)
        : new URLSearchParams(Object.entries(data).map(([key, value]) => [key, String(value)])).toString(),
  });
}

const pledge = (body: Record<string, unknown>, format: 'json' | 'form' = 'json') =>
  handlePledge(pledgeRequest(body, format), deps());

async function counts() {
  const one = async (sql: string) => Number((await sqlClient.execute(sql)).rows[0]?.[0]);
  return {
    pledges: await one('SELECT count(*) FROM pledges'),
    subscribers: await one('SELECT count(*) FROM subscribers'),
    tally: await one('SELECT total FROM tally WHERE id = 1'),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  sqlClient = createClient({ url: database.server.url });
});

afterAll(async () => {
  sqlClient.close();
  await database.dispose();
});

beforeEach(async () => {
  await sqlClient.batch(['DELETE FROM subscribers', 'DELETE FROM pledges', 'DELETE FROM tally_by_country'], 'write');
  await sqlClient.execute('UPDATE tally SET total = 0 WHERE id = 1');
  errors.length = 0;
});

describe('a new pledge', () => {
  it('is stored without the raw email, counted, and answered with the new total', async () => {
    expect(await pledge({ email: 'Walker@Example.org', firstName: 'Ana', country: 'gb' })).toEqual({
      kind: 'recorded',
      format: 'json',
      total: 1,
      locale: 'en',
    });
    const { rows } = await sqlClient.execute('SELECT * FROM pledges');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ first_name: 'Ana', country: 'GB' });
    expect(rows[0]?.email_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/walker/i);
    expect(await counts()).toEqual({ pledges: 1, subscribers: 0, tally: 1 });
    expect(await readTally(openDatabase({ url: database.server.url }))).toMatchObject({ total: 1, byCountry: { GB: 1 } });
  });

  it('keeps the email only for someone who asked for updates, with the consent version and its language', async () => {
    await pledge({ email: ' Jane.Doe@Example.org ', updates: 'on' }, 'form');
    await pledge({ email: 'ana@example.org', updates: 'on', locale: 'es' }, 'form');
    const { rows } = await sqlClient.execute('SELECT email, consent_version, withdrawn_at FROM subscribers ORDER BY email');
    expect(rows).toEqual([
      expect.objectContaining({ email: 'ana@example.org', consent_version: 'test-v1/es', withdrawn_at: null }),
      expect.objectContaining({ email: 'jane.doe@example.org', consent_version: 'test-v1/en', withdrawn_at: null }),
    ]);
  });
});

describe('the share code a pledge came through', () => {
  it('is stored with the pledge, from the form and from JSON, and a malformed one is ignored', async () => {
    await pledge({ email: 'via-form@example.org', ref: 'partner-one' }, 'form');
    await pledge({ email: 'via-json@example.org', ref: 'share-whatsapp' });
    expect(await pledge({ email: 'odd@example.org', ref: 'Not A Code!' })).toMatchObject({ kind: 'recorded' });
    const { rows } = await sqlClient.execute('SELECT source FROM pledges ORDER BY id');
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
    const outcomes = await Promise.all([...people, ...duplicates].map((email) => pledge({ email, country: 'FR' })));
    expect(outcomes.every((outcome) => outcome.kind === 'recorded')).toBe(true);
    expect(errors).toEqual([]);
    expect(await counts()).toEqual({ pledges: 200, subscribers: 0, tally: 200 });
    const byCountry = await sqlClient.execute("SELECT total FROM tally_by_country WHERE country = 'FR'");
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
    expect(await handlePledge(request, deps())).toMatchObject(expected);
    expect(await counts()).toEqual({ pledges: 0, subscribers: 0, tally: 0 });
  });
});

describe('when the database is unreachable', () => {
  it('answers "try again", keeps what was typed and leaves no partial rows', async () => {
    await pledge({ email: 'before@example.org', updates: true });
    await database.stop();
    try {
      const outcome = await pledge({ email: 'during@example.org', firstName: 'Ana', updates: 'on' }, 'form');
      expect(outcome).toMatchObject({
        kind: 'unavailable',
        format: 'form',
        values: { email: 'during@example.org', firstName: 'Ana', updates: true },
      });
      expect(errors).toHaveLength(1);
    } finally {
      await database.restart();
    }
    expect(await counts()).toEqual({ pledges: 1, subscribers: 1, tally: 1 });
    expect(await pledge({ email: 'after@example.org' })).toMatchObject({ kind: 'recorded', total: 2 });
  });
});
