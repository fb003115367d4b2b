import { RATE_LIMITS, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../config.ts';
import type { Locale } from '../../i18n/locales.ts';
import { discardBody, MAX_BODY_BYTES, readFormBody } from '../http/read-body.ts';
import { isCrossSite } from '../security/cross-site.ts';
import type { RateLimitResult } from '../security/rate-limit.ts';
import { type HumanCheck, TOKEN_FIELD } from '../security/turnstile.ts';
import type { SiteForm } from './site-forms.ts';

/**
 * A field people never see or fill in: bots that fill every field give themselves away. Its name is one no browser
 * or password manager fills in by itself (`website` was: a person's story would have been taken for a bot's).
 */
export const HONEYPOT_FIELD = 'leave_this_empty';

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
  /**
   * Stores what was sent; throws only when it cannot. `trapped` when the trap field was filled in: the sender is
   * answered as anyone else, and the form decides whether to keep what was sent, flagged, or to drop it.
   */
  record: (valid: Valid, sent: { trapped: boolean }) => Promise<Result>;
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
 * Cross-site check → body → validation → Turnstile → rate limit → record: the one way the site's forms are taken in.
 * Every check fails closed with a clear answer; a failure to store is "try again" (503), never a 500 with internals.
 * The rate limit counts only sends that passed Turnstile, so that people sharing an address (a shelter's Wi-Fi, a
 * mobile carrier) are not locked out by one sender without valid tokens; and only valid ones, so that correcting a
 * typo never uses up a person's quota. The trap field is read last, so a bot learns nothing from the answer.
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
  if (!validation.ok) return { kind: 'invalid', format, errors: validation.errors, values };
  const unavailable = { kind: 'unavailable', format, values, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS } as const;

  try {
    if (deps.verifyHuman) {
      // The check's key needs the deployment's secrets: without them the send waits, it never goes through.
      const check = await deps.verifyHuman(data[TOKEN_FIELD], validation.valid);
      if (check === 'unavailable') return unavailable;
      if (check === 'failed') return { kind: 'invalid', format, errors: { turnstile: 'humanCheck' } as Errors, values };
    }
    if (deps.rateLimit && (await deps.rateLimit(request)) === 'limited') {
      return { kind: 'limited', format, values, retryAfterSeconds: RATE_LIMITS[deps.form].periodSeconds };
    }
  } catch (error) {
    deps.logError(`${deps.form} checks failed`, error);
    return unavailable;
  }

  const trap = data[HONEYPOT_FIELD];
  const trapped = typeof trap === 'string' ? trap.trim() !== '' : trap !== undefined && trap !== null;
  try {
    return { kind: 'recorded', format, locale: values.locale, ...(await deps.record(validation.valid, { trapped })) };
  } catch (error) {
    deps.logError(`${deps.form} could not be stored`, error);
    return unavailable;
  }
}
