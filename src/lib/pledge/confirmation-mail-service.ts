import { EMAIL_QUEUE } from '../../config.ts';
import { openPlatformDatabase } from '../db/database-work.ts';
import { isStatementError } from '../db/errors.ts';
import { MissingConfiguration } from '../missing-configuration.ts';
import type { Platform } from '../platform.ts';
import { requireSecret } from '../security/secrets.ts';
import { composeConfirmationMail } from './confirmation-mail.ts';
import {
  type ClaimedMail,
  claimConfirmationMails,
  type ConfirmationMailRequest,
  isConfirmationMailRequest,
  releaseConfirmationMail,
  reserveSends,
  secondsUntilSlot,
} from './confirmation-mail-queue.ts';
import { createPledgeToken } from './pledge-token.ts';
import { type QueuedMessage, retryDelaySeconds } from './queue-service.ts';

export interface ConsumeMailsDeps {
  claim: (emailHmacs: readonly string[], now: Date) => Promise<Array<ClaimedMail | undefined>>;
  release: (emailHmac: string, claimedAt: Date) => Promise<void>;
  /** Takes up to `wanted` sends from this minute's allowance; how many it took. */
  reserve: (now: Date, wanted: number) => Promise<number>;
  /** Composes the email for a claimed pledge and hands it to the sender. */
  deliver: (request: ConfirmationMailRequest, claimed: ClaimedMail, now: Date) => Promise<void>;
  /** Puts a request back in the queue to be sent later (a fresh message: waiting for the rate is no failed delivery). */
  later: (request: ConfirmationMailRequest, delaySeconds: number) => Promise<void>;
  perMinute: number;
  isStatementError: (error: unknown) => boolean;
  maxAttempts: number;
  now: () => Date;
  log: (message: string) => void;
  logError: (message: string, error: unknown) => void;
}

/**
 * Sends a batch of confirmation emails from the `walkaway-emails` queue. Each row is claimed first (src/lib/pledge/
 * confirmation-mail-queue.ts): what is no longer due (confirmed, withdrawn, forgotten, sent already, a repeat within
 * 10 minutes) is acknowledged unsent. What is due is sent within EMAIL_RATE_PER_MINUTE; the rest is put back in the
 * queue for the next minutes, never dropped. A send that fails gives its claim back and is retried with a growing
 * delay; after its last delivery it goes to the dead-letter queue. The log names counts, never a person.
 */
export async function consumeConfirmationMails(messages: readonly QueuedMessage[], deps: ConsumeMailsDeps): Promise<void> {
  const retry = (message: QueuedMessage) => {
    if (message.attempts >= deps.maxAttempts) deps.log(`confirmation email ${message.id} failed delivery ${message.attempts}, its last: it goes to the dead-letter queue`);
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
  };
  for (const message of messages.filter((candidate) => !isConfirmationMailRequest(candidate.body))) {
    deps.logError('a message in the email queue is not a confirmation request, retrying', new Error('malformed message'));
    retry(message);
  }
  const requests = messages.filter((message) => isConfirmationMailRequest(message.body));
  if (requests.length === 0) return;
  const bodyOf = (message: QueuedMessage) => message.body as ConfirmationMailRequest;

  const now = deps.now();
  let claims: Array<ClaimedMail | undefined>;
  try {
    claims = await deps.claim(requests.map((message) => bodyOf(message).emailHmac), now);
  } catch (error) {
    deps.logError(`${requests.length} confirmation emails not claimed (${deps.isStatementError(error) ? 'refused by the database' : 'database unreachable'}), retrying`, error);
    return requests.forEach(retry);
  }

  const claimed = requests.flatMap((message, index) => (claims[index] === undefined ? [] : [{ message, claim: claims[index]! }]));
  for (const message of requests.filter((_, index) => claims[index] === undefined)) message.ack();
  if (claimed.length === 0) return;

  let allowed = 0;
  try {
    allowed = await deps.reserve(now, claimed.length);
  } catch (error) {
    deps.logError('the sending allowance could not be read, so nothing is sent now', error);
  }

  let sent = 0;
  for (const [index, { message, claim }] of claimed.entries()) {
    const request = bodyOf(message);
    try {
      if (index < allowed) {
        await deps.deliver(request, claim, now);
        sent += 1;
      } else {
        await deps.release(request.emailHmac, now);
        await deps.later(request, secondsUntilSlot(now, index - allowed, deps.perMinute));
      }
      message.ack();
    } catch (error) {
      deps.logError('a confirmation email was not sent, retrying', error);
      await deps.release(request.emailHmac, now).catch((releaseError: unknown) => deps.logError('a claim was not given back', releaseError));
      retry(message);
    }
  }
  const waiting = claimed.length - Math.min(allowed, claimed.length);
  deps.log(`sent ${sent} confirmation emails${waiting > 0 ? `, ${waiting} wait for the next minutes (EMAIL_RATE_PER_MINUTE)` : ''}`);
}

/**
 * The email queue's consumer on this platform. Without the EMAIL binding, EMAIL_FROM or the secret that signs the
 * links, nothing can be sent: every message waits (retried, then kept in the dead-letter queue), said loudly.
 */
export function confirmationMailService(platform: Platform) {
  const deliver = async (request: ConfirmationMailRequest, claimed: ClaimedMail, now: Date) => {
    const { email, mail } = platform;
    if (!email || !mail.from) {
      platform.log.warnOnce('The EMAIL binding or EMAIL_FROM is missing: confirmation emails cannot be sent (see send_email and vars in wrangler.jsonc)');
      throw new MissingConfiguration(email ? 'EMAIL_FROM' : 'EMAIL');
    }
    const secret = requireSecret(platform, 'hmacSecret');
    const token = { pledgeId: claimed.pledgeId, issuedAt: now.getTime() };
    const composed = composeConfirmationMail({
      locale: request.locale,
      origin: request.origin,
      confirmToken: claimed.kind === 'confirm' ? await createPledgeToken(secret, 'confirm', token) : undefined,
      updates: claimed.kind === 'confirm' && claimed.updates,
      withdrawToken: await createPledgeToken(secret, 'withdraw', token),
      subject: mail.subject,
    });
    await email.send({ from: { name: mail.senderName, email: mail.from }, to: request.email, ...composed });
  };

  return {
    consume: (messages: readonly QueuedMessage[]) =>
      consumeConfirmationMails(messages, {
        claim: (hashes, now) => claimConfirmationMails(openPlatformDatabase(platform), hashes, now),
        release: (hash, claimedAt) => releaseConfirmationMail(openPlatformDatabase(platform), hash, claimedAt),
        reserve: (now, wanted) => reserveSends(openPlatformDatabase(platform), now, platform.settings.EMAIL_RATE_PER_MINUTE, wanted),
        deliver,
        later: async (request, delaySeconds) => {
          if (!platform.emailQueue) throw new MissingConfiguration('EMAIL_QUEUE');
          await platform.emailQueue.send(request, { delaySeconds });
        },
        perMinute: platform.settings.EMAIL_RATE_PER_MINUTE,
        isStatementError,
        maxAttempts: EMAIL_QUEUE.maxRetries + 1,
        now: () => platform.clock.now(),
        log: platform.log.info,
        logError: platform.log.error,
      }),
  };
}
