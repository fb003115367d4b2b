import { openPlatformDatabase } from '../db/database-work.ts';
import { deadLetters } from '../db/schema.ts';
import type { Platform } from '../platform.ts';
import { QUEUE_NAMES } from '../../config.ts';
import { isConfirmationMailRequest } from './confirmation-mail-queue.ts';
import type { QueuedMessage } from './queue-service.ts';

/**
 * What is kept of a dead letter: never the address a confirmation email was for (an email that failed is asked for
 * again by a new pledge). A failed confirmation email keeps only whose pledge it was; a failed pledge keeps the pledge,
 * without the address its confirmation email was to go to, so that the organisers can still count it in.
 */
export function deadLetterBody(queue: string, body: unknown): string {
  if (queue === QUEUE_NAMES.emailsDeadLetter) {
    return JSON.stringify(isConfirmationMailRequest(body) ? { emailHmac: body.emailHmac } : { malformed: true });
  }
  if (typeof body === 'object' && body !== null && 'confirmation' in body) {
    const { confirmation: _address, ...pledge } = body as Record<string, unknown>;
    return JSON.stringify(pledge);
  }
  return JSON.stringify(body ?? null);
}

/**
 * The consumer of both dead-letter queues: what failed every delivery is kept in `dead_letters` (deadLetterBody), where
 * the organisers' `stats` counts it and nothing expires unseen in the queue; the scheduled job deletes it after
 * PENDING_PLEDGE_DAYS.
 * The log says how many, from which queue, never what they held.
 */
export function deadLetterService(platform: Platform) {
  return {
    async consume(queue: string, messages: readonly QueuedMessage[]): Promise<void> {
      if (messages.length === 0) return;
      try {
        const failedAt = platform.clock.now();
        await openPlatformDatabase(platform)
          .insert(deadLetters)
          .values(messages.map((message) => ({ queue, body: deadLetterBody(queue, message.body), failedAt })));
        for (const message of messages) message.ack();
        platform.log.error(`${messages.length} messages reached ${queue}: see \`npm run walkaway -- stats\``, new Error('dead letters'));
      } catch (error) {
        platform.log.error(`dead letters from ${queue} not kept, retrying`, error);
        // The database may be what failed every delivery: wait for it as long as the queue allows (wrangler.jsonc).
        for (const message of messages) message.retry({ delaySeconds: 300 });
      }
    },
  };
}
