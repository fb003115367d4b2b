import { withTimeout } from '../async/with-timeout';
import type { TallySnapshot } from '../tally/read-tally';
import type { PledgeRecord } from './pledge-record';

export interface RecordOrQueueDeps {
  /** Stores the pledge and returns the tally from the same round trip. */
  write: (record: PledgeRecord) => Promise<TallySnapshot>;
  /** After a direct write: the fresh tally replaces the cached one, so a pledge never costs an extra read. */
  remember: (tally: TallySnapshot) => Promise<void>;
  /** Hands the pledge to the queue, whose consumer writes it once the database answers again. */
  enqueue: (record: PledgeRecord) => Promise<void>;
  /** The count this worker last knew, without asking the database. */
  lastKnownTotal: () => Promise<number>;
  /** How long the direct write may take before the pledge goes to the queue instead. */
  timeoutMs: number;
  logError: (message: string, error: unknown) => void;
}

export interface RecordedPledge {
  total: number;
  /** True when the database did not answer in time and the pledge waits in the queue. */
  queued: boolean;
}

/**
 * Records a pledge at once when the database answers in time; otherwise queues it, so that a person who pledged
 * during an outage is counted as soon as the database is back. Throws only when the queue cannot take it either.
 * A write that outlives its timeout may still land: the queued copy is then a repeat, which the email's keyed hash
 * makes harmless.
 */
export async function recordOrQueue(record: PledgeRecord, deps: RecordOrQueueDeps): Promise<RecordedPledge> {
  let tally: TallySnapshot;
  try {
    tally = await withTimeout(deps.write(record), deps.timeoutMs, 'the pledge write');
  } catch (error) {
    deps.logError('pledge not written directly, queueing it', error);
    await deps.enqueue(record);
    return { total: await deps.lastKnownTotal(), queued: true };
  }
  // The pledge is stored: a cache hiccup must not turn it into an error for the visitor.
  await deps.remember(tally).catch((error: unknown) => deps.logError('fresh tally not cached', error));
  return { total: tally.total, queued: false };
}
