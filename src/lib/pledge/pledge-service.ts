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
import { deploymentOf } from '../deployment.ts';
import { senderProblem } from '../settings.ts';
import { linkOrigin } from '../site-url.ts';
import { mailRequestOf } from './confirmation-mail-queue.ts';
import { emailHmacOf, type PledgeRecord, preparePledge } from './prepare-pledge.ts';
import type { Pledge, PledgeErrors, PledgeFormValues } from './validate.ts';
import { SOURCE_FIELD, validatePledge } from './validate.ts';
import { writePledge } from './write-pledge.ts';
import type { IntegrityKind } from '../integrity/integrity-counts.ts';
import { integrityService } from '../integrity/integrity-service.ts';

/**
 * What a pledge is answered with. With confirmation by email (the default): "check your inbox", the same for an
 * address that is new, pending, confirmed or withdrawn, and whether the database took it at once or the queue did.
 * With PLEDGE_CONFIRMATION=none: that it is taken, and whether it waits in the queue (the database did not answer in
 * time). Never a count: the count its own write produced would tell a new pledge (the total moves) from a repeat (it
 * does not), and so whether an address had pledged before. The page's live tally shows the count.
 */
export type PledgeAnswer = { status: 'check-email' } | { queued?: true };

const CHECK_EMAIL = { status: 'check-email' } as const;

export type PledgeOutcome = FormPostOutcome<PledgeFormValues, PledgeErrors, PledgeAnswer>;

/**
 * Taking in a pledge: the form's checks (src/lib/forms/handle-form-post.ts), then one round trip that stores it (as
 * pending, with its confirmation email queued, or counted at once with PLEDGE_CONFIRMATION=none) and reads the fresh
 * tally, which replaces the cached one. When the database does not answer within
 * DATABASE_TIMEOUT_MS the checked pledge goes to the queue instead, and its consumer writes it once the database is
 * back (src/lib/pledge/queue-service.ts). A write that outlives its timeout may still land: the queued copy is then a
 * repeat, which the email's keyed hash makes harmless.
 */
export function pledgeService(platform: Platform) {
  const tally = tallyService(platform);
  const integrity = integrityService(platform);

  async function enqueue(record: PledgeRecord): Promise<void> {
    if (!platform.pledgeQueue) {
      platform.log.warnOnce('PLEDGE_QUEUE is not bound: pledges cannot wait for the database (see queues in wrangler.jsonc)');
      throw new Error('PLEDGE_QUEUE is not bound');
    }
    await platform.pledgeQueue.send(record);
  }

  /**
   * With confirmation by email, what sending it needs must all be there before anything is stored: a pledge that
   * could never be confirmed is refused ("try again", 503), said loudly, rather than kept pending for nobody.
   */
  function requireMail(): void {
    const missing = [!platform.emailQueue && 'the EMAIL_QUEUE binding', !platform.email && 'the EMAIL binding', !platform.mail.from && 'EMAIL_FROM'].filter(Boolean);
    if (missing.length > 0) {
      platform.log.warnOnce(`PLEDGE_CONFIRMATION is email but ${missing.join(', ')} is missing: pledges are refused (see wrangler.jsonc, or set PLEDGE_CONFIRMATION=none)`);
      throw new MissingConfiguration(String(missing[0]));
    }
    // Local runs send nothing (Wrangler simulates the binding), so the placeholder sender is only refused when deployed.
    const problem = deploymentOf(platform.secrets.databaseUrl) === 'deployed' ? senderProblem(platform.mail) : undefined;
    if (problem) {
      platform.log.warnOnce(`${problem} Pledges are refused.`);
      throw new MissingConfiguration('EMAIL_FROM');
    }
  }

  /** `noted` gathers what the integrity counters learn on the way (a repeat, a queued pledge): never in the answer. */
  async function record(pledge: Pledge, siteUrl: URL, noted: IntegrityKind[]): Promise<PledgeAnswer> {
    const byEmail = platform.mail.confirmation === 'email';
    if (byEmail) requireMail();
    const prepared = await preparePledge(pledge, {
      hmacSecret: requireSecret(platform, 'hmacSecret'),
      now: () => platform.clock.now(),
      consentVersion: CONSENT_VERSION,
      confirmation: platform.mail.confirmation,
      origin: linkOrigin(platform.site, siteUrl),
    });
    let snapshot: TallySnapshot;
    try {
      const written = await withinDatabaseTimeout(platform, 'the pledge write', (db) => writePledge(db, prepared));
      snapshot = written.snapshot;
      if (written.repeat) noted.push('repeats');
    } catch (error) {
      // A database that is not configured is a deployment mistake, not an outage: queued, the pledge would wait for
      // a database that is not coming. It is refused ("try again") instead, as a missing secret is.
      if (error instanceof MissingConfiguration) throw error;
      platform.log.error('pledge not written directly, queueing it', error);
      await enqueue(prepared);
      noted.push('queued');
      return byEmail ? CHECK_EMAIL : { queued: true };
    }
    const mail = mailRequestOf(prepared);
    if (mail) {
      // Every pending pledge asks, repeat or not, so that a repeat costs what a new pledge does; the consumer sends
      // only what the row says is due. Should this fail, the person is asked to try again, which asks again.
      await platform.emailQueue!.send(mail);
      return CHECK_EMAIL;
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

    /**
     * POST /api/pledge, and the form partners frame (POST /embed/pledge), whose pledges are the partner's: `source`
     * then replaces whatever code the form carried.
     */
    async take(request: Request, siteUrl: URL, { source }: { source?: string } = {}): Promise<PledgeOutcome> {
      const noted: IntegrityKind[] = [];
      let refusedByTrap = false;
      const outcome = await handleFormPost(request, {
        form: 'pledge',
        validate: (data) => validatePledge(source ? { ...data, [SOURCE_FIELD]: source } : data),
        // A send with the trap field filled in is a bot's (no browser fills that field by itself): it is answered as a
        // person would be, and not counted.
        record: async (pledge, { trapped }) => {
          if (!trapped) return record(pledge, siteUrl, noted);
          refusedByTrap = true;
          platform.log.info('a pledge came with the trap field filled in: answered, not counted');
          return platform.mail.confirmation === 'email' ? CHECK_EMAIL : {};
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
      integrity.count(...(refusedByTrap ? (['invalid'] as const) : integrityKindsOf(outcome, noted)));
      return outcome;
    },
  };
}

/**
 * What a pledge's outcome adds to the integrity counters, with what the write noted (a repeat, a queued pledge): known
 * on the way, never part of what the person is told. A send with the trap field filled in counts as refused.
 */
function integrityKindsOf(outcome: PledgeOutcome, noted: readonly IntegrityKind[]): IntegrityKind[] {
  switch (outcome.kind) {
    case 'recorded':
      return ['received', ...noted];
    case 'invalid':
      return [outcome.errors.turnstile ? 'humanCheck' : 'invalid'];
    case 'limited':
      return ['rateLimited'];
    case 'refused':
      return ['invalid'];
    case 'unavailable':
      return [];
  }
}
