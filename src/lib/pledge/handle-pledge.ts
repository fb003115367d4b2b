import type { Locale } from '../../i18n/locales';
import { discardBody, readPledgeBody } from '../http/read-body';
import { isCrossSite } from '../security/cross-site';
import type { RateLimitResult } from '../security/rate-limit';
import { type HumanCheck, TOKEN_FIELD } from '../security/turnstile';
import type { RecordedPledge } from './record-or-queue';
import { type FieldErrors, type Pledge, type PledgeFormValues, validatePledge } from './validate';

export const RETRY_AFTER_SECONDS = 5;
export const RATE_LIMIT_RETRY_AFTER_SECONDS = 60;
/** A field people never see or fill in; bots that fill every field give themselves away. */
export const HONEYPOT_FIELD = 'website';

/** What the endpoint should answer; the Astro route turns it into a Response or a re-rendered form. */
export type PledgeOutcome =
  | { kind: 'recorded'; format: 'form' | 'json'; total: number; queued?: true; locale: Locale }
  | { kind: 'invalid'; format: 'form' | 'json'; errors: FieldErrors; values: PledgeFormValues }
  | { kind: 'unavailable'; format: 'form' | 'json'; values: PledgeFormValues }
  | { kind: 'limited'; format: 'form' | 'json'; values: PledgeFormValues }
  | { kind: 'refused'; status: 400 | 403 | 413 | 415; message: string };

export interface HandlePledgeDeps {
  /** Stores the pledge, or queues it while the database does not answer; throws only when neither works. */
  record: (pledge: Pledge) => Promise<RecordedPledge>;
  /** The public total, to answer a bot as if it had pledged. */
  currentTotal: () => Promise<number>;
  /** Absent where no rate limiter is bound (unit tests, scripts). */
  rateLimit?: ((request: Request) => Promise<RateLimitResult>) | undefined;
  /** Absent where Turnstile is not configured (local development). */
  verifyHuman?: ((token: unknown, pledge: Pledge) => Promise<HumanCheck>) | undefined;
  logError: (message: string, error: unknown) => void;
}

/**
 * Cross-site check → body → honeypot → validation → rate limit → Turnstile → record. Every check fails closed
 * with a clear answer; a failure to record is "try again" (503), never a 500 with internals.
 */
export async function handlePledge(request: Request, deps: HandlePledgeDeps): Promise<PledgeOutcome> {
  if (isCrossSite(request)) {
    await discardBody(request);
    return { kind: 'refused', status: 403, message: 'Pledges can only be sent from the Walkaway site itself' };
  }
  const body = await readPledgeBody(request);
  if (!body.ok) return { kind: 'refused', status: body.status, message: body.message };
  const { format, data } = body;
  const validation = validatePledge(data);
  const { values } = validation;

  try {
    const honeypot = data[HONEYPOT_FIELD];
    if (typeof honeypot === 'string' ? honeypot.trim() !== '' : honeypot !== undefined && honeypot !== null) {
      return { kind: 'recorded', format, total: await deps.currentTotal(), locale: values.locale };
    }
    // Only valid pledges count against the limit: correcting a typo never uses up a person's quota.
    if (validation.ok && deps.rateLimit && (await deps.rateLimit(request)) === 'limited') {
      return { kind: 'limited', format, values };
    }
  } catch (error) {
    deps.logError('pledge checks failed', error);
    return { kind: 'unavailable', format, values };
  }
  if (!validation.ok) return { kind: 'invalid', format, errors: validation.errors, values };

  if (deps.verifyHuman) {
    const check = await deps.verifyHuman(data[TOKEN_FIELD], validation.pledge);
    if (check === 'unavailable') return { kind: 'unavailable', format, values };
    if (check === 'failed') return { kind: 'invalid', format, errors: { turnstile: 'humanCheck' }, values };
  }

  try {
    const { total, queued } = await deps.record(validation.pledge);
    return { kind: 'recorded', format, total, locale: values.locale, ...(queued ? { queued } : {}) };
  } catch (error) {
    deps.logError('pledge could not be recorded or queued', error);
    return { kind: 'unavailable', format, values };
  }
}
