// The queue of pledges that waited for the database: what it carries, and its consumer, alone and on a fake platform.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLEDGE_QUEUE } from '../../src/config.ts';
import { isPledgeRecord, type PledgeRecord, preparePledge } from '../../src/lib/pledge/prepare-pledge.ts';
import { consumePledges, type QueuedMessage, queueService, retryDelaySeconds } from '../../src/lib/pledge/queue-service.ts';
import { type FakePlatform, fakePlatform } from '../support/fake-platform.ts';

const record = (n = 1): PledgeRecord => ({
  emailHmac: n.toString(16).padStart(64, '0'),
  idempotencyKey: `key-${n}`,
  firstName: null,
  country: 'GB',
  createdAt: 1_790_000_000_000,
  subscriber: null,
});

describe('what the queue carries', () => {
  const pledge = { email: ' Jane.Doe+walk@Gmail.com ', firstName: 'Jane', country: 'GB' as const, idempotencyKey: 'k', updates: false, source: 'partner-x', locale: 'es' as const };
  const prepare = (updates: boolean) =>
    preparePledge({ ...pledge, updates }, { hmacSecret: 's', now: () => new Date(1_000), consentVersion: 'v1', confirmation: 'none', origin: 'https://walkaway.example' });

  it('is the keyed hash of the email, never the address, unless updates were asked for', async () => {
    const without = await prepare(false);
    expect(without).toEqual({
      emailHmac: expect.stringMatching(/^[0-9a-f]{64}$/),
      idempotencyKey: 'k',
      firstName: 'Jane',
      country: 'GB',
      createdAt: 1_000,
      source: 'partner-x',
      subscriber: null,
    });
    expect(JSON.stringify(without)).not.toMatch(/jane\.doe|gmail/i);
    // The wording's version and the language it was read in: the person pledged in Spanish.
    expect((await prepare(true)).subscriber).toEqual({ email: 'jane.doe+walk@gmail.com', consentVersion: 'v1/es' });
    expect((await prepare(true)).emailHmac).toBe(without.emailHmac);
  });

  it('is checked before it is written', async () => {
    expect(isPledgeRecord(await prepare(true))).toBe(true);
    expect(isPledgeRecord({ ...record(), emailHmac: 'not-a-hash' })).toBe(false);
    expect(isPledgeRecord({ ...record(), createdAt: 'yesterday' })).toBe(false);
    expect(isPledgeRecord({ ...record(), subscriber: { email: 1 } })).toBe(false);
    expect(isPledgeRecord({ ...record(), source: 7 })).toBe(false);
    expect(isPledgeRecord('hello')).toBe(false);
  });
});

function message(body: unknown, attempts = 1): QueuedMessage & { outcome?: string; delay?: number } {
  const queued: QueuedMessage & { outcome?: string; delay?: number } = {
    id: `m-${Math.random()}`,
    body,
    attempts,
    ack: () => void (queued.outcome = 'ack'),
    retry: ({ delaySeconds }) => {
      queued.outcome = 'retry';
      queued.delay = delaySeconds;
    },
  };
  return queued;
}

const consumer = (writeAll: (records: readonly PledgeRecord[]) => Promise<void>) => ({
  writeAll: vi.fn(writeAll),
  askForMails: vi.fn(async () => undefined),
  isStatementError: (error: unknown) => String((error as { code?: string }).code).startsWith('SQLITE_'),
  maxAttempts: 26,
  log: vi.fn(),
  logError: vi.fn(),
});

describe('the queue consumer', () => {
  it('writes a whole batch in one database batch and acknowledges every message', async () => {
    const messages = Array.from({ length: 100 }, (_, i) => message(record(i + 1)));
    const given = consumer(async () => undefined);
    await consumePledges(messages, given);
    expect(given.writeAll).toHaveBeenCalledTimes(1);
    expect(given.writeAll.mock.calls[0]![0]).toHaveLength(100);
    expect(messages.every((each) => each.outcome === 'ack')).toBe(true);
  });

  it('retries every message with a growing delay while the database is unreachable', async () => {
    const messages = [message(record(1), 1), message(record(2), 3)];
    const given = consumer(async () => Promise.reject(new TypeError('fetch failed')));
    await consumePledges(messages, given);
    expect(given.writeAll).toHaveBeenCalledTimes(1);
    expect(messages.map((each) => [each.outcome, each.delay])).toEqual([
      ['retry', 5],
      ['retry', 20],
    ]);
  });

  it('writes one by one when the batch is refused, so one bad message cannot hold back the rest', async () => {
    const bad = record(2);
    const messages = [message(record(1)), message(bad), message(record(3))];
    const given = consumer(async (records) => {
      if (records.includes(bad)) throw Object.assign(new Error('CHECK constraint failed'), { code: 'SQLITE_CONSTRAINT' });
    });
    await consumePledges(messages, given);
    expect(messages.map((each) => each.outcome)).toEqual(['ack', 'retry', 'ack']);
  });

  it('retries a message that is not a pledge without writing it, and writes the others', async () => {
    const messages = [message({ email: 'someone@example.org' }), message(record(1))];
    const given = consumer(async () => undefined);
    await consumePledges(messages, given);
    expect(given.writeAll).toHaveBeenCalledWith([record(1)]);
    expect(messages.map((each) => each.outcome)).toEqual(['retry', 'ack']);
    expect(JSON.stringify(given.logError.mock.calls)).not.toContain('someone@example.org');
  });

  it('says in the log when a message goes to the dead-letter queue', async () => {
    const last = message(record(1), 26);
    const given = consumer(async () => Promise.reject(new TypeError('fetch failed')));
    await consumePledges([last], given);
    expect(given.log).toHaveBeenCalledWith(expect.stringContaining(`queued pledge ${last.id}`));
    expect(given.log).toHaveBeenCalledWith(expect.stringContaining('dead-letter queue'));
  });

  it('backs off from 5 seconds to at most 5 minutes', () => {
    expect([1, 2, 3, 4, 7, 8, 25].map(retryDelaySeconds)).toEqual([5, 10, 20, 40, 300, 300, 300]);
  });

  it('keeps a message for about 100 minutes of retries before the dead-letter queue, as wrangler.jsonc says', () => {
    const waited = Array.from({ length: PLEDGE_QUEUE.maxRetries }, (_, retry) => retryDelaySeconds(retry + 1)).reduce((sum, delay) => sum + delay);
    expect(Math.round(waited / 60)).toBe(100);
  });
});

describe('the queue service', () => {
  let platform: FakePlatform;
  afterEach(() => platform.dispose());

  const rows = async () => Number((await platform.sql.execute('SELECT count(*) FROM pledges')).rows[0]![0]);
  const total = async () => Number((await platform.sql.execute('SELECT total FROM tally')).rows[0]![0]);

  it('writes what waited, and a redelivered message counts once', async () => {
    platform = await fakePlatform();
    const first = [message(record(1)), message(record(2))];
    await queueService(platform).consume(first);
    await queueService(platform).consume([message(record(2), 2), message(record(3))]);
    expect([await rows(), await total()]).toEqual([3, 3]);
    expect(first.map((each) => each.outcome)).toEqual(['ack', 'ack']);
  });

  it('moves the count and its time forward when a pledge that waited lands, never its time backwards', async () => {
    platform = await fakePlatform();
    const before = Date.now();
    await platform.sql.execute({ sql: 'UPDATE tally SET updated_at = ?', args: [before] });
    await queueService(platform).consume([message({ ...record(1), createdAt: before - 3_600_000 })]);
    const { total, updated_at: updatedAt } = (await platform.sql.execute('SELECT total, updated_at FROM tally')).rows[0]!;
    expect(total).toBe(1);
    expect(Number(updatedAt)).toBeGreaterThanOrEqual(before);
  });

  it('keeps every message waiting while the database is down, and writes them once it is back', async () => {
    platform = await fakePlatform();
    platform.setDatabase('down');
    const waiting = [message(record(1)), message(record(2))];
    await queueService(platform).consume(waiting);
    expect(waiting.map((each) => [each.outcome, each.delay])).toEqual([['retry', 5], ['retry', 5]]);
    platform.setDatabase('up');
    await queueService(platform).consume(waiting.map((each) => message(each.body, 2)));
    expect(await rows()).toBe(2);
  });

  it('keeps every message waiting when no database is configured, saying why once', async () => {
    platform = await fakePlatform({ withoutDatabase: true });
    const waiting = [message(record(1))];
    await queueService(platform).consume(waiting);
    await queueService(platform).consume(waiting);
    expect(waiting[0]!.outcome).toBe('retry');
    expect(platform.lines.filter((line) => line.startsWith('[walkaway] TURSO_DATABASE_URL is not set'))).toHaveLength(1);
  });
});
