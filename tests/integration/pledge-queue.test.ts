// The write path through the pledge and queue services against the local libSQL server: shared form keys, the queue
// during an outage and a slow database, redelivery, and the recount.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/db/client.ts';
import { pledgeService } from '../../src/lib/pledge/pledge-service.ts';
import { type QueuedMessage, queueService } from '../../src/lib/pledge/queue-service.ts';
import { recountTally } from '../../src/lib/tally/recount-tally.ts';
import type { FakePlatform } from '../support/fake-platform.ts';
import { formPost } from '../support/form-post.ts';
import { useLocalDatabase } from '../support/local-database.ts';

const local = useLocalDatabase();
const SITE = new URL('https://walkaway.test/pledge');

async function counts() {
  return {
    rows: await local.count('SELECT count(*) FROM pledges'),
    tally: await local.count('SELECT total FROM tally WHERE id = 1'),
    subscribers: await local.count('SELECT count(*) FROM subscribers'),
  };
}

const pledge = (platform: FakePlatform, email: string, fields: Record<string, unknown> = {}) =>
  pledgeService(platform).take(formPost('/api/pledge', { email, country: 'FR', ...fields }), SITE);

/**
 * Cloudflare Queues in miniature: delivers what the platform's queue holds in batches until it is empty, or until a
 * whole batch was retried (the database is still down); a retried message is delivered again, one attempt later.
 */
async function drain(platform: FakePlatform, batchSize = 100): Promise<void> {
  const waiting = platform.queued.splice(0).map((body) => ({ body, attempts: 0 }));
  while (waiting.length > 0) {
    let acked = 0;
    const batch = waiting.splice(0, batchSize).map((entry, i): QueuedMessage => {
      entry.attempts += 1;
      return { id: `m${i}`, body: entry.body, attempts: entry.attempts, ack: () => void (acked += 1), retry: () => void waiting.push(entry) };
    });
    await queueService(platform).consume(batch);
    if (acked === 0) {
      platform.queued.push(...waiting.map((entry) => entry.body));
      return;
    }
  }
}

describe('two people on one shared page', () => {
  it('are both counted, although their form sent the same key', async () => {
    const platform = await local.platform();
    const idempotencyKey = randomUUID();
    expect(await pledge(platform, 'parent@example.org', { idempotencyKey })).toMatchObject({ kind: 'recorded' });
    expect(await pledge(platform, 'teenager@example.org', { idempotencyKey })).toMatchObject({ kind: 'recorded' });
    expect(await counts()).toMatchObject({ rows: 2, tally: 2 });
  });

  it('are both counted when their pledges arrive through the queue', async () => {
    const platform = await local.platform();
    const idempotencyKey = randomUUID();
    platform.setDatabase('down');
    await pledge(platform, 'a@example.org', { idempotencyKey });
    await pledge(platform, 'b@example.org', { idempotencyKey });
    platform.setDatabase('up');
    await drain(platform);
    expect(await counts()).toMatchObject({ rows: 2, tally: 2 });
  });
});

describe('while the database is down', () => {
  it('200 people and 50 repeats are all answered with success, and counted exactly once when it is back', async () => {
    const platform = await local.platform();
    const people = Array.from({ length: 200 }, (_, i) => `walker${i}@example.org`);
    const repeats = people.slice(0, 50).map((email) => ` ${email.toUpperCase()}`);
    await local.database.stop();
    let outcomes;
    try {
      outcomes = await Promise.all([...people, ...repeats].map((email, i) => pledge(platform, email, { updates: i % 10 === 0 })));
      await drain(platform);
    } finally {
      await local.database.restart();
    }
    expect(outcomes.every((outcome) => outcome.kind === 'recorded' && 'queued' in outcome && outcome.queued === true)).toBe(true);
    expect(platform.queued).toHaveLength(250);
    await drain(platform);
    expect(platform.queued).toHaveLength(0);
    expect(await counts()).toEqual({ rows: 200, tally: 200, subscribers: 20 });
    expect(await local.count("SELECT total FROM tally_by_country WHERE country = 'FR'")).toBe(200);
  });

  it('keeps the share code of a queued pledge', async () => {
    const platform = await local.platform();
    platform.setDatabase('down');
    await pledge(platform, 'shared@example.org', { ref: 'share-email' });
    platform.setDatabase('up');
    await drain(platform);
    expect((await local.sql.execute('SELECT source FROM pledges')).rows[0]?.source).toBe('share-email');
  });

  it('counts a redelivered batch once', async () => {
    const platform = await local.platform();
    platform.setDatabase('down');
    await pledge(platform, 'x@example.org');
    await pledge(platform, 'y@example.org');
    platform.setDatabase('up');
    const again = [...platform.queued];
    await drain(platform);
    platform.queued.push(...again);
    await drain(platform);
    expect(await counts()).toMatchObject({ rows: 2, tally: 2 });
  });
});

describe('when the database is slow', () => {
  it('queues the pledge after the timeout, and the late write and the queued copy count once', async () => {
    const platform = await local.platform({ settings: { DATABASE_TIMEOUT_MS: 300 } });
    local.database.server.stall(1_500);
    expect(await pledge(platform, 'slow@example.org')).toMatchObject({ kind: 'recorded', queued: true });
    await drain(platform);
    expect(await counts()).toMatchObject({ rows: 1, tally: 1 });
  });
});

describe('the recount', () => {
  it('repairs a corrupted tally from the rows, in one transaction, and says what it changed', async () => {
    const platform = await local.platform();
    for (const [i, name] of ['a', 'b', 'c'].entries()) await pledge(platform, `${name}@example.org`, { country: i ? 'GB' : '' });
    await local.sql.batch(
      ['UPDATE tally SET total = 41', "UPDATE tally_by_country SET total = 9 WHERE country = 'GB'", "INSERT INTO tally_by_country VALUES ('ZZ', 3)"],
      'write',
    );
    const db = openDatabase({ url: local.url });
    expect(await recountTally(db, () => new Date())).toEqual([
      { scope: 'total', stored: 41, counted: 3 },
      { scope: 'GB', stored: 9, counted: 2 },
      { scope: 'ZZ', stored: 3, counted: 0 },
    ]);
    expect(await counts()).toMatchObject({ rows: 3, tally: 3 });
    expect(await recountTally(db, () => new Date())).toEqual([]);
  });
});
