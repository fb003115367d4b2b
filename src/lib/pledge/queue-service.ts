import { PLEDGE_QUEUE } from '../../config.ts';
import { openPlatformDatabase } from '../db/database-work.ts';
import { MissingConfiguration } from '../missing-configuration.ts';
import { isStatementError } from '../db/errors.ts';
import type { Platform } from '../platform.ts';
import { type ConfirmationMailRequest, mailRequestOf } from './confirmation-mail-queue.ts';
import { isPledgeRecord, type PledgeRecord } from './prepare-pledge.ts';
import { recordMilestones } from '../tally/milestones.ts';
import { writePledges } from './write-pledge.ts';

/** The slice of a Cloudflare Queues message a consumer uses. */
export interface QueuedMessage {
  id: string;
  body: unknown;
  /** 1 on the first delivery. */
  attempts: number;
  ack(): void;
  retry(options: { delaySeconds: number }): void;
}

export interface ConsumePledgesDeps {
  /** Stores pledges in one batch (one transaction): all or none. */
  writeAll: (records: readonly PledgeRecord[]) => Promise<void>;
  /** Queues the confirmation emails of pledges just written pending (src/lib/pledge/confirmation-mail-service.ts). */
  askForMails: (requests: readonly ConfirmationMailRequest[]) => Promise<void>;
  /** True when the database answered and refused a statement, false when it could not be reached. */
  isStatementError: (error: unknown) => boolean;
  /** Deliveries before Cloudflare moves a message to the dead-letter queue (`max_retries` + 1). */
  maxAttempts: number;
  log: (message: string) => void;
  logError: (message: string, error: unknown) => void;
}

/** Waits longer after each failed delivery (5 s, 10 s, 20 s … at most 5 minutes), so an outage is not hammered. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(PLEDGE_QUEUE.retryBaseSeconds * 2 ** Math.max(attempts - 1, 0), PLEDGE_QUEUE.retryMaxSeconds);
}

/**
 * Writes a batch of queued pledges in one database batch and acknowledges each. Storing is idempotent (the email's
 * keyed hash is unique), so a redelivered message never counts twice. When the database cannot be reached every
 * message waits and tries again; when the batch fails for another reason, each message is written on its own so
 * that one bad message cannot hold back the rest. A message that fails its last delivery goes to the dead-letter
 * queue, and the log says so, naming the message but never the person.
 */
export async function consumePledges(messages: readonly QueuedMessage[], deps: ConsumePledgesDeps): Promise<void> {
  const retry = (waiting: readonly QueuedMessage[], why: string, error: unknown) => {
    if (waiting.length === 0) return;
    deps.logError(`${plural(waiting.length)} not written (${why}), retrying`, error);
    for (const message of waiting) {
      if (message.attempts >= deps.maxAttempts) {
        deps.log(`queued pledge ${message.id} failed delivery ${message.attempts}, its last: it goes to the dead-letter queue`);
      }
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  };

  retry(
    messages.filter((message) => !isPledgeRecord(message.body)),
    'not a pledge record',
    new Error('malformed message'),
  );
  const pledges = messages.filter((message) => isPledgeRecord(message.body));
  if (pledges.length === 0) return;

  // A pledge written pending has its confirmation email queued before its message is acknowledged: written again on
  // a retry, it asks again, and the email's claim makes sure it is sent once.
  const writeAndAsk = async (records: readonly PledgeRecord[]) => {
    await deps.writeAll(records);
    await deps.askForMails(records.flatMap((record) => mailRequestOf(record) ?? []));
  };
  try {
    await writeAndAsk(pledges.map((message) => message.body as PledgeRecord));
    for (const message of pledges) message.ack();
    deps.log(`wrote ${plural(pledges.length)}`);
    return;
  } catch (error) {
    if (!deps.isStatementError(error)) return retry(pledges, 'database unreachable', error);
    deps.logError('a batch of queued pledges failed, writing them one by one', error);
  }

  for (const message of pledges) {
    try {
      await writeAndAsk([message.body as PledgeRecord]);
      message.ack();
    } catch (error) {
      retry([message], 'refused by the database', error);
    }
  }
}

const plural = (count: number) => `${count} queued pledge${count === 1 ? '' : 's'}`;

/**
 * The queue's consumer on this platform: each delivery written in one database batch. Without a database every
 * message waits and is delivered again (fail safe: a queued pledge is never dropped for want of a setting).
 */
export function queueService(platform: Platform) {
  return {
    consume: (messages: readonly QueuedMessage[]) =>
      consumePledges(messages, {
        writeAll: async (records) => {
          const db = openPlatformDatabase(platform);
          await writePledges(db, records);
          // Queued pledges move the count too: a milestone they pass is recorded now. Best effort: the pledges are
          // stored, and their emails must still be asked for; the next write or recount records it otherwise.
          await recordMilestones(db, platform.milestones, platform.clock.now()).catch((error: unknown) =>
            platform.log.error('milestones not recorded after queued pledges', error),
          );
        },
        askForMails: async (requests) => {
          if (requests.length === 0) return;
          if (!platform.emailQueue) throw new MissingConfiguration('EMAIL_QUEUE');
          await Promise.all(requests.map((request) => platform.emailQueue!.send(request)));
        },
        isStatementError,
        maxAttempts: PLEDGE_QUEUE.maxRetries + 1,
        log: platform.log.info,
        logError: platform.log.error,
      }),
  };
}
