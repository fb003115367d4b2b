import { type Locale, localizePath } from '../../i18n/locales.ts';
import { jsonResponse } from '../http/responses.ts';
import { errorMessages } from './error-messages.ts';
import type { FormPostOutcome, TypedValues } from './handle-form-post.ts';
import { SITE_FORMS, type SiteForm } from './site-forms.ts';

/** The form shown again: its status, what is wrong, and what was typed. */
export interface FormState<Values, Errors> {
  status: 400 | 429 | 503;
  errors?: Errors;
  /** A failure that is nobody's typing mistake: a key of the form's words. */
  problem?: 'unavailable' | 'rateLimited';
  values: Values;
}

/** The slice of Astro's endpoint context an answer needs. */
export interface EndpointContext {
  url: URL;
  redirect: (path: string, status: 303) => Response;
  rewrite: (request: Request) => Promise<Response>;
}

export interface FormAnswers<Values, Errors extends Partial<Record<string, Code>>, Code extends string, Result> {
  form: SiteForm;
  context: EndpointContext;
  /** Where the plain form is shown again, when not on the form's own page (the embedded form: its partner's frame). */
  formPage?: string;
  /** The form's words in a language: its error messages and its two "try again" messages. */
  words: (lang: Locale) => { errors: Record<Code, string>; unavailable: string; rateLimited: string };
  /** The JSON body of a success. */
  success: (result: Result) => Record<string, unknown>;
  /** Where the plain form lands after a success, when it depends on the result; the form's thanks page otherwise. */
  landing?: (result: Result) => string;
  /** Hands the form's state to its page (`Astro.locals`), which the plain form is shown again with. */
  keep: (state: FormState<Values, Errors>) => void;
}

async function withHeaders(response: Promise<Response>, headers: Record<string, string>): Promise<Response> {
  const answered = await response;
  for (const [name, value] of Object.entries(headers)) answered.headers.set(name, value);
  return answered;
}

/**
 * The HTTP answer to a form post, the same for every form: JSON for the enhanced form, in the language the form
 * named, or for the plain form a redirect to its thanks page (303, nothing typed in the address) or its page again,
 * rendered in place of the answer (Astro's rewrite of a fresh GET) with what was typed, which travels in `locals`.
 */
export function answerFormPost<Values extends TypedValues, Errors extends Partial<Record<string, Code>>, Code extends string, Result extends object>(
  outcome: FormPostOutcome<Values, Errors, Result>,
  answers: FormAnswers<Values, Errors, Code, Result>,
): Response | Promise<Response> {
  const { context } = answers;
  const { thanks } = SITE_FORMS[answers.form];
  const page = answers.formPage ?? SITE_FORMS[answers.form].page;
  const showForm = (state: FormState<Values, Errors>) => {
    answers.keep(state);
    return context.rewrite(new Request(new URL(localizePath(page, state.values.locale), context.url), { method: 'GET' }));
  };
  switch (outcome.kind) {
    case 'refused':
      return jsonResponse({ error: outcome.message }, outcome.status);
    case 'recorded': {
      const { kind: _kind, format, locale, ...result } = outcome;
      const answer = result as unknown as Result;
      if (format === 'json') return jsonResponse({ ok: true, ...answers.success(answer) });
      return context.redirect(localizePath(answers.landing?.(answer) ?? thanks, locale), 303);
    }
    case 'invalid': {
      if (outcome.format === 'form') return showForm({ status: 400, errors: outcome.errors, values: outcome.values });
      return jsonResponse({ errors: errorMessages(outcome.errors, answers.words(outcome.values.locale).errors) }, 400);
    }
    case 'unavailable':
    case 'limited': {
      const { status, problem } = outcome.kind === 'limited' ? ({ status: 429, problem: 'rateLimited' } as const) : ({ status: 503, problem: 'unavailable' } as const);
      const wait = { 'retry-after': String(outcome.retryAfterSeconds) };
      if (outcome.format === 'form') return withHeaders(showForm({ status, problem, values: outcome.values }), wait);
      return jsonResponse({ error: answers.words(outcome.values.locale)[problem] }, status, wait);
    }
  }
}
