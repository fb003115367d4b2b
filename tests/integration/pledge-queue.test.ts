// The write path against the local libSQL server: shared form keys, the queue during an outage and a slow database,
// redelivery, and the recount.
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from '@libsql/client/web';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/db/client';
import { isStatementError } from '../../src/lib/db/errors';
import { consumePledges, type QueuedPledge } from '../../src/lib/pledge/consume-pledges';
import { type PledgeRecord, preparePledge } from '../../src/lib/pledge/pledge-record';
import { recordOrQueue } from '../../src/lib/pledge/record-or-queue';
import { writePledge, writePledges } from '../../src/lib/pledge/record-pledge';
import type { Pledge } from '../../src/lib/pledge/validate';
import { recountTally } from '../../src/lib/tally/recount-tally';
import { createTestDatabase, type TestDatabase } from '../support/local-database';

let database: TestDatabase;
let sql: Client;
const db = () => openDatabase({ url: database.server.url });

beforeAll(async () => {
  database = await createTestDatabase();
  sql = createClient({ url: database.server.url });
});
afterAll(async () => {
  sql.close();
  await database.dispose();
});
beforeEach(async () => {
  await sql.batch(['DELETE FROM subscribers', 'DELETE FROM pledges', 'DELETE FROM tally_by_country', 'UPDATE tally SET total = 0'], 'write');
});

async function counts() {
  const one = async (query: string) => Number((await sql.execute(query)).rows[0]?.[0]);
  return {
    rows: await one('SELECT count(*) FROM pledges'),
    tally: await one('SELECT total FROM tally WHERE id = 1'),
    subscribers: await one('SELECT count(*) FROM subscribers'),
  };
}

const pledgeOf = (email: string, overrides: Partial<Pledge> = {}): Pledge => ({
  email,
  firstName: null,
  country: 'FR',
  updates: false,
  idempotencyKey: randomUUID(),
  source: null,
  locale: 'en',
  ...overrides,
});
const prepare = (pledge: Pledge) => preparePledge(pledge, { hmacSecret: 'queue-secret', now: () => new Date(), consentVersion: 'v1' });

/** Cloudflare Queues in miniature: messages wait until drained, and a retried one is delivered again. */
function memoryQueue() {
  const waiting: { body: PledgeRecord; attempts: number }[] = [];
  return {
    waiting,
    send: async (body: PledgeRecord) => void waiting.push({ body: structuredClone(body), attempts: 0 }),
    /** Delivers batches until the queue is empty, or until a batch is all retried (the database is still down). */
    async drain(batchSize = 100) {
      while (waiting.length > 0) {
        let acked = 0;
        const batch = waiting.splice(0, batchSize).map((entry, i): QueuedPledge => {
          entry.attempts += 1;
          return { id: `m${i}`, body: entry.body, attempts: entry.attempts, ack: () => void (acked += 1), retry: () => void waiting.push(entry) };
        });
        await consumePledges(batch, { writeAll: (records) => writePledges(db(), records), isStatementError, maxAttempts: 26, log: () => {}, logError: () => {} });
        if (acked === 0) return;
      }
    },
  };
}

function recordVia(queue: ReturnType<typeof memoryQueue>, timeoutMs = 3_000) {
  return async (pledge: Pledge) =>
    recordOrQueue(await prepare(pledge), {
      write: (record) => writePledge(db(), record),
      remember: async () => {},
      enqueue: queue.send,
      lastKnownTotal: async () => 0,
      timeoutMs,
      logError: () => {},
    });
}

describe('two people on one shared page', () => {
  it('are both counted, although their form sent the same key', async () => {
    const idempotencyKey = randomUUID();
    const record = recordVia(memoryQueue());
    expect(await record(pledgeOf('parent@example.org', { idempotencyKey }))).toMatchObject({ total: 1, queued: false });
    expect(await record(pledgeOf('teenager@example.org', { idempotencyKey }))).toMatchObject({ total: 2, queued: false });
    expect(await counts()).toMatchObject({ rows: 2, tally: 2 });
  });

  it('are both counted when their pledges arrive through the queue', async () => {
    const idempotencyKey = randomUUID();
    await writePledges(db(), [await prepare(pledgeOf('a@example.org', { idempotencyKey })), await prepare(pledgeOf('b@example.org', { idempotencyKey }))]);
    expect(await counts()).toMatchObject({ rows: 2, tally: 2 });
  });
});

describe('while the database is down', () => {
  it('200 people and 50 repeats are all answered with success, and counted exactly once when it is back', async () => {
    const queue = memoryQueue();
    const record = recordVia(queue);
    const people = Array.from({ length: 200 }, (_, i) => `walker${i}@example.org`);
    const repeats = people.slice(0, 50).map((email) => ` ${email.toUpperCase()}`);
    await database.stop();
    let outcomes;
    try {
      outcomes = await Promise.all([...people, ...repeats].map((email, i) => record(pledgeOf(email, { updates: i % 10 === 0 }))));
      await queue.drain();
    } finally {
      await database.restart();
    }
    expect(outcomes.every((outcome) => outcome.queued)).toBe(true);
    expect(queue.waiting).toHaveLength(250);
    await queue.drain();
    expect(queue.waiting).toHaveLength(0);
    expect(await counts()).toEqual({ rows: 200, tally: 200, subscribers: 20 });
    const france = await sql.execute("SELECT total FROM tally_by_country WHERE country = 'FR'");
    expect(Number(france.rows[0]?.total)).toBe(200);
  });

  it('keeps the share code of a queued pledge', async () => {
    await writePledges(db(), [await prepare(pledgeOf('shared@example.org', { source: 'share-email' }))]);
    expect((await sql.execute('SELECT source FROM pledges')).rows[0]?.source).toBe('share-email');
  });

  it('counts a redelivered batch once', async () => {
    const records = await Promise.all(['x@example.org', 'y@example.org'].map((email) => prepare(pledgeOf(email))));
    await writePledges(db(), records);
    await writePledges(db(), records);
    expect(await counts()).toMatchObject({ rows: 2, tally: 2 });
  });
});

describe('when the database is slow', () => {
  it('queues the pledge after the timeout, and the late write and the queued copy count once', async () => {
    const queue = memoryQueue();
    database.server.stall(1_500);
    const outcome = await recordVia(queue, 300)(pledgeOf('slow@example.org'));
    expect(outcome).toEqual({ total: 0, queued: true });
    await queue.drain();
    expect(await counts()).toMatchObject({ rows: 1, tally: 1 });
  });
});

describe('the recount', () => {
  it('repairs a corrupted tally from the rows, in one transaction, and says what it changed', async () => {
    await writePledges(db(), await Promise.all(['a', 'b', 'c'].map((name, i) => prepare(pledgeOf(`${name}@example.org`, { country: i ? 'GB' : null })))));
    await sql.batch(
      ["UPDATE tally SET total = 41", "UPDATE tally_by_country SET total = 9 WHERE country = 'GB'", "INSERT INTO tally_by_country VALUES ('ZZ', 3)"],
      'write',
    );
    expect(await recountTally(db(), () => new Date())).toEqual([
      { scope: 'total', stored: 41, counted: 3 },
      { scope: 'GB', stored: 9, counted: 2 },
      { scope: 'ZZ', stored: 3, counted: 0 },
    ]);
    expect(await counts()).toMatchObject({ rows: 3, tally: 3 });
    expect(await recountTally(db(), () => new Date())).toEqual([]);
  });
});
