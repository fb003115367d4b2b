import { CONSENT_VERSION } from '../../config.ts';
import { withinDatabaseTimeout } from '../db/database-work.ts';
import { type FormPostOutcome, handleFormPost } from '../forms/handle-form-post.ts';
import { MissingConfiguration } from '../missing-configuration.ts';
import type { Platform } from '../platform.ts';
import { formRateLimit } from '../security/rate-limit.ts';
import { requireSecret } from '../security/secrets.ts';
import { humanCheck, turnstileKey, turnstileSiteKey } from '../security/turnstile.ts';
import type { PublicTally } from '../tally/public-counts.ts';
import type { TallySnapshot } from '../tally/read-tally.ts';
import { tallyService } from '../tally/tally-service.ts';
import { emailHmacOf, type PledgeRecord, preparePledge } from './prepare-pledge.ts';
import type { Pledge, PledgeErrors, PledgeFormValues } from './validate.ts';
import { validatePledge } from './validate.ts';
import { writePledge } from './write-pledge.ts';

/**
 * What a pledge is answered with: that it is taken, and whether it waits in the queue (the database did not answer in
 * time). Never a count: the count its own write produced would tell a new pledge (the total moves) from a repeat (it
 * does not), and so whether an address had pledged before. The page's live tally shows the count.
 */
export type PledgeAnswer = { queued?: true };

export type PledgeOutcome = FormPostOutcome<PledgeFormValues, PledgeErrors, PledgeAnswer>;

/**
 * Taking in a pledge: the form's checks (src/lib/forms/handle-form-post.ts), then one round trip that stores it and
 * reads the fresh tally, which replaces the cached one. When the database does not answer within
 * DATABASE_TIMEOUT_MS the checked pledge goes to the queue instead, and its consumer writes it once the database is
 * back (src/lib/pledge/queue-service.ts). A write that outlives its timeout may still land: the queued copy is then a
 * repeat, which the email's keyed hash makes harmless.
 */
export function pledgeService(platform: Platform) {
  const tally = tallyService(platform);

  async function enqueue(record: PledgeRecord): Promise<void> {
    if (!platform.pledgeQueue) {
      platform.log.warnOnce('PLEDGE_QUEUE is not bound: pledges cannot wait for the database (see queues in wrangler.jsonc)');
      throw new Error('PLEDGE_QUEUE is not bound');
    }
    await platform.pledgeQueue.send(record);
  }

  async function record(pledge: Pledge, siteUrl: URL): Promise<PledgeAnswer> {
    const prepared = await preparePledge(pledge, {
      hmacSecret: requireSecret(platform, 'hmacSecret'),
      now: () => platform.clock.now(),
      consentVersion: CONSENT_VERSION,
    });
    let snapshot: TallySnapshot;
    try {
      snapshot = await withinDatabaseTimeout(platform, 'the pledge write', (db) => writePledge(db, prepared));
    } catch (error) {
      // A database that is not configured is a deployment mistake, not an outage: queued, the pledge would wait for
      // a database that is not coming. It is refused ("try again") instead, as a missing secret is.
      if (error instanceof MissingConfiguration) throw error;
      platform.log.error('pledge not written directly, queueing it', error);
      await enqueue(prepared);
      return { queued: true };
    }
    // The pledge is stored: a cache hiccup must not turn it into an error for the visitor.
    await tally.remember(siteUrl, snapshot).catch((error: unknown) => platform.log.error('fresh tally not cached', error));
    return {};
  }

  return {
    /** What /pledge shows beside the form: the count, and Turnstile's site key when the check is on. */
    async formPage(siteUrl: URL): Promise<{ tally: PublicTally | undefined; turnstileSiteKey: string | undefined }> {
      return { tally: await tally.current(siteUrl), turnstileSiteKey: turnstileSiteKey(platform) };
    },

    /** POST /api/pledge. */
    take(request: Request, siteUrl: URL): Promise<PledgeOutcome> {
      return handleFormPost(request, {
        form: 'pledge',
        validate: validatePledge,
        // A send with the trap field filled in is a bot's (no browser fills that field by itself): it is answered as a
        // person would be, and not counted.
        record: async (pledge, { trapped }) => {
          if (!trapped) return record(pledge, siteUrl);
          platform.log.info('a pledge came with the trap field filled in: answered, not counted');
          return {};
        },
        rateLimit: formRateLimit(platform, 'pledge'),
        // A retry of the same pledge may verify its token again, but a token replayed with the same form key for
        // another email is refused as already spent: the form's key alone does not make a pledge unique.
        verifyHuman: humanCheck(platform, {
          form: 'pledge',
          hostname: siteUrl.hostname,
          keyOf: async (pledge: Pledge) => {
            const secret = requireSecret(platform, 'hmacSecret');
            return turnstileKey(secret, pledge.idempotencyKey, await emailHmacOf(pledge.email, secret));
          },
        }),
        logError: platform.log.error,
      });
    },
  };
}
