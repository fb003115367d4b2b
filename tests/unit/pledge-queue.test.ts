import { describe, expect, it, vi } from 'vitest';
import { TimeoutError } from '../../src/lib/async/with-timeout';
import { consumePledges, type QueuedPledge, retryDelaySeconds } from '../../src/lib/pledge/consume-pledges';
import { isPledgeRecord, type PledgeRecord, preparePledge } from '../../src/lib/pledge/pledge-record';
import { recordOrQueue, type RecordOrQueueDeps } from '../../src/lib/pledge/record-or-queue';
import type { TallySnapshot } from '../../src/lib/tally/read-tally';

const record = (n = 1): PledgeRecord => ({
  emailHmac: n.toString(16).padStart(64, '0'),
  idempotencyKey: `key-${n}`,
  firstName: null,
  country: 'GB',
  createdAt: 1_790_000_000_000,
  subscriber: null,
});
const tally = (total: number): TallySnapshot => ({ total, updatedAt: '2026-11-29T10:00:00.000Z', byCountry: {} });

function deps(overrides: Partial<RecordOrQueueDeps> = {}) {
  return {
    write: vi.fn(async () => tally(8)),
    remember: vi.fn(async () => undefined),
    enqueue: vi.fn(async () => undefined),
    lastKnownTotal: vi.fn(async () => 7),
    timeoutMs: 3_000,
    logError: vi.fn(),
    ...overrides,
  } satisfies RecordOrQueueDeps;
}

describe('a pledge while the database answers', () => {
  it('is written at once, and its fresh tally replaces the cached one', async () => {
    const given = deps();
    expect(await recordOrQueue(record(), given)).toEqual({ total: 8, queued: false });
    expect(given.remember).toHaveBeenCalledWith(tally(8));
    expect(given.enqueue).not.toHaveBeenCalled();
  });

  it('is still a success when the cache cannot be updated', async () => {
    const given = deps({ remember: vi.fn(async () => Promise.reject(new Error('cache down'))) });
    expect(await recordOrQueue(record(), given)).toEqual({ total: 8, queued: false });
    expect(given.logError).toHaveBeenCalledWith('fresh tally not cached', expect.any(Error));
  });
});

describe('a pledge while the database falters', () => {
  it('goes to the queue when the write fails, answered with the last known count', async () => {
    const given = deps({ write: vi.fn(async () => Promise.reject(new TypeError('fetch failed'))) });
    expect(await recordOrQueue(record(3), given)).toEqual({ total: 7, queued: true });
    expect(given.enqueue).toHaveBeenCalledWith(record(3));
    expect(given.remember).not.toHaveBeenCalled();
  });

  it('goes to the queue when the write takes longer than the timeout', async () => {
    vi.useFakeTimers();
    try {
      const given = deps({ write: vi.fn(() => new Promise<TallySnapshot>(() => {})), timeoutMs: 1_000 });
      const outcome = recordOrQueue(record(), given);
      await vi.advanceTimersByTimeAsync(999);
      expect(given.enqueue).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toEqual({ total: 7, queued: true });
      expect(given.logError).toHaveBeenCalledWith(expect.any(String), expect.any(TimeoutError));
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails only when the queue cannot take it either', async () => {
    const given = deps({
      write: vi.fn(async () => Promise.reject(new Error('down'))),
      enqueue: vi.fn(async () => Promise.reject(new Error('queue down'))),
    });
    await expect(recordOrQueue(record(), given)).rejects.toThrow('queue down');
  });
});

describe('what the queue carries', () => {
  const pledge = { email: ' Jane.Doe+walk@Gmail.com ', firstName: 'Jane', country: 'GB' as const, idempotencyKey: 'k', updates: false, source: 'partner-x', locale: 'es' as const };
  const prepare = (updates: boolean) =>
    preparePledge({ ...pledge, updates }, { hmacSecret: 's', now: () => new Date(1_000), consentVersion: 'v1' });

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

function message(body: unknown, attempts = 1): QueuedPledge & { outcome?: string; delay?: number } {
  const queued: QueuedPledge & { outcome?: string; delay?: number } = {
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
});
