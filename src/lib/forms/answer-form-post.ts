import type { Locale } from '../../i18n/locales';
import { jsonResponse } from '../http/responses';
import { errorMessages } from './error-messages';
import { type FormPostOutcome, RATE_LIMIT_RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS, type TypedValues } from './handle-form-post';

/** The form shown again: its status, what is wrong, and what was typed. */
export interface FormState<Values, Errors> {
  status: 400 | 429 | 503;
  errors?: Errors;
  /** A failure that is nobody's typing mistake: a key of the form's words. */
  problem?: 'unavailable' | 'rateLimited';
  values: Values;
}

export interface FormAnswers<Values, Errors extends Partial<Record<string, Code>>, Code extends string, Result> {
  /** The form's words in a language: its error messages and its two "try again" messages. */
  words: (lang: Locale) => { errors: Record<Code, string>; unavailable: string; rateLimited: string };
  /** The JSON body of a success. */
  success: (result: Result) => Record<string, unknown>;
  /** Where the plain form lands after a success, in the form's language (303, nothing typed in the address). */
  thanks: (lang: Locale) => Response;
  /** The form's page again, in its language, for the plain form. */
  showForm: (state: FormState<Values, Errors>) => Promise<Response>;
}

const retryAfter = (seconds: number) => ({ 'retry-after': String(seconds) });

async function withHeaders(response: Promise<Response>, headers: Record<string, string>): Promise<Response> {
  const answered = await response;
  for (const [name, value] of Object.entries(headers)) answered.headers.set(name, value);
  return answered;
}

/**
 * The HTTP answer to a form post, the same for every form: JSON for the enhanced form, in the language the form
 * named, or for the plain form a redirect to its thanks page or its page again, with what was typed.
 */
export function answerFormPost<Values extends TypedValues, Errors extends Partial<Record<string, Code>>, Code extends string, Result extends object>(
  outcome: FormPostOutcome<Values, Errors, Result>,
  answers: FormAnswers<Values, Errors, Code, Result>,
): Response | Promise<Response> {
  switch (outcome.kind) {
    case 'refused':
      return jsonResponse({ error: outcome.message }, outcome.status);
    case 'recorded': {
      const { kind: _kind, format, locale, ...result } = outcome;
      return format === 'json' ? jsonResponse({ ok: true, ...answers.success(result as unknown as Result) }) : answers.thanks(locale);
    }
    case 'invalid': {
      if (outcome.format === 'form') return answers.showForm({ status: 400, errors: outcome.errors, values: outcome.values });
      return jsonResponse({ errors: errorMessages(outcome.errors, answers.words(outcome.values.locale).errors) }, 400);
    }
    case 'unavailable': {
      const wait = retryAfter(RETRY_AFTER_SECONDS);
      if (outcome.format === 'form') return withHeaders(answers.showForm({ status: 503, problem: 'unavailable', values: outcome.values }), wait);
      return jsonResponse({ error: answers.words(outcome.values.locale).unavailable }, 503, wait);
    }
    case 'limited': {
      const wait = retryAfter(RATE_LIMIT_RETRY_AFTER_SECONDS);
      if (outcome.format === 'form') return withHeaders(answers.showForm({ status: 429, problem: 'rateLimited', values: outcome.values }), wait);
      return jsonResponse({ error: answers.words(outcome.values.locale).rateLimited }, 429, wait);
    }
  }
}
