import { RATE_LIMITS, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../config.ts';
import type { Locale } from '../../i18n/locales.ts';
import { discardBody, MAX_BODY_BYTES, readFormBody } from '../http/read-body.ts';
import { isCrossSite } from '../security/cross-site.ts';
import type { RateLimitResult } from '../security/rate-limit.ts';
import { type HumanCheck, TOKEN_FIELD } from '../security/turnstile.ts';
import type { SiteForm } from './site-forms.ts';

/** A field people never see or fill in; bots that fill every field give themselves away. */
export const HONEYPOT_FIELD = 'website';

type Format = 'form' | 'json';

/** What a form's fields were, as typed, with the language the form was in. */
export interface TypedValues {
  locale: Locale;
}

/** The problem per field at fault, as a dictionary code; `turnstile` is the check that the sender is a person. */
export type FormErrors<Field extends string, Code extends string> = Partial<Record<Field | 'turnstile', Code | 'humanCheck'>>;

export type Validation<Values, Valid, Errors> =
  | { ok: true; valid: Valid; values: Values }
  | { ok: false; errors: Errors; values: Values };

/** What the endpoint should answer; the Astro route turns it into a Response or a re-rendered form. */
export type FormPostOutcome<Values, Errors, Result> =
  | ({ kind: 'recorded'; format: Format; locale: Locale } & Result)
  | { kind: 'invalid'; format: Format; errors: Errors; values: Values }
  | { kind: 'unavailable'; format: Format; values: Values; retryAfterSeconds: number }
  | { kind: 'limited'; format: Format; values: Values; retryAfterSeconds: number }
  | { kind: 'refused'; status: 400 | 403 | 413 | 415; message: string };

export interface FormPostDeps<Values, Valid, Errors, Result> {
  validate: (data: Record<string, unknown>) => Validation<Values, Valid, Errors>;
  /** Stores what was sent; throws only when it cannot. */
  record: (valid: Valid) => Promise<Result>;
  /** What a bot that filled in the honeypot is told: the same as a person, with nothing stored. */
  answerBot: () => Promise<Result>;
  /** Absent where no rate limiter is bound (unit tests, scripts). */
  rateLimit?: ((request: Request) => Promise<RateLimitResult>) | undefined;
  /** Absent where Turnstile is not configured (local development). */
  verifyHuman?: ((token: unknown, valid: Valid) => Promise<HumanCheck>) | undefined;
  logError: (message: string, error: unknown) => void;
  /** The largest body taken, in bytes. */
  bodyLimit?: number;
  /** Which form this is: its rate limit's period is how long a refused sender is asked to wait. */
  form: SiteForm;
}

/**
 * Cross-site check → body → honeypot → validation → rate limit → Turnstile → record: the one way the site's forms
 * are taken in. Every check fails closed with a clear answer; a failure to store is "try again" (503), never a 500
 * with internals.
 */
export async function handleFormPost<Values extends TypedValues, Valid, Errors, Result extends object>(
  request: Request,
  deps: FormPostDeps<Values, Valid, Errors, Result>,
): Promise<FormPostOutcome<Values, Errors, Result>> {
  if (isCrossSite(request)) {
    await discardBody(request);
    return { kind: 'refused', status: 403, message: 'Forms can only be sent from the Walkaway site itself' };
  }
  const body = await readFormBody(request, deps.bodyLimit ?? MAX_BODY_BYTES);
  if (!body.ok) return { kind: 'refused', status: body.status, message: body.message };
  const { format, data } = body;
  const validation = deps.validate(data);
  const { values } = validation;
  const unavailable = { kind: 'unavailable', format, values, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS } as const;

  try {
    const honeypot = data[HONEYPOT_FIELD];
    if (typeof honeypot === 'string' ? honeypot.trim() !== '' : honeypot !== undefined && honeypot !== null) {
      return { kind: 'recorded', format, locale: values.locale, ...(await deps.answerBot()) };
    }
    // Only valid submissions count against the limit: correcting a typo never uses up a person's quota.
    if (validation.ok && deps.rateLimit && (await deps.rateLimit(request)) === 'limited') {
      return { kind: 'limited', format, values, retryAfterSeconds: RATE_LIMITS[deps.form].periodSeconds };
    }
  } catch (error) {
    deps.logError(`${deps.form} checks failed`, error);
    return unavailable;
  }
  if (!validation.ok) return { kind: 'invalid', format, errors: validation.errors, values };

  if (deps.verifyHuman) {
    let check: HumanCheck;
    try {
      check = await deps.verifyHuman(data[TOKEN_FIELD], validation.valid);
    } catch (error) {
      // The check's key needs the deployment's secrets: without them the send waits, it never goes through.
      deps.logError(`${deps.form} check that the sender is a person failed`, error);
      return unavailable;
    }
    if (check === 'unavailable') return unavailable;
    if (check === 'failed') return { kind: 'invalid', format, errors: { turnstile: 'humanCheck' } as Errors, values };
  }

  try {
    return { kind: 'recorded', format, locale: values.locale, ...(await deps.record(validation.valid)) };
  } catch (error) {
    deps.logError(`${deps.form} could not be stored`, error);
    return unavailable;
  }
}
