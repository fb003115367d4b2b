import type { APIRoute } from 'astro';
import { dictionary } from '../../i18n/dictionary';
import { localizePath } from '../../i18n/locales';
import { jsonResponse, methodNotAllowed } from '../../lib/http/responses';
import { errorMessages } from '../../lib/pledge/error-messages';
import { handlePledge, RATE_LIMIT_RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS } from '../../lib/pledge/handle-pledge';
import { pledgeDeps } from '../../runtime';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const outcome = await handlePledge(context.request, pledgeDeps(context.url));
  const retryAfter = (seconds: number) => ({ 'retry-after': String(seconds) });
  // The form page, in the form's language, renders from a fresh GET; what the person typed travels in locals,
  // never in the URL.
  const showFormAgain = async (form: NonNullable<App.Locals['pledgeForm']>, headers: Record<string, string> = {}) => {
    context.locals.pledgeForm = form;
    const formPage = new URL(localizePath('/pledge', form.values.locale), context.url);
    const page = await context.rewrite(new Request(formPage, { method: 'GET' }));
    for (const [name, value] of Object.entries(headers)) page.headers.set(name, value);
    return page;
  };

  switch (outcome.kind) {
    case 'refused':
      return jsonResponse({ error: outcome.message }, outcome.status);
    case 'recorded':
      return outcome.format === 'json'
        ? jsonResponse({ ok: true, total: outcome.total, ...(outcome.queued ? { queued: true } : {}) })
        : context.redirect(localizePath('/pledge/thanks', outcome.locale), 303);
    case 'invalid': {
      if (outcome.format === 'form') return showFormAgain({ status: 400, errors: outcome.errors, values: outcome.values });
      const messages = dictionary(outcome.values.locale).pledge.errors;
      return jsonResponse({ errors: errorMessages(outcome.errors, messages) }, 400);
    }
    case 'unavailable':
      if (outcome.format === 'form') return showFormAgain({ status: 503, problem: 'unavailable', values: outcome.values });
      return jsonResponse({ error: dictionary(outcome.values.locale).pledge.unavailable }, 503, retryAfter(RETRY_AFTER_SECONDS));
    case 'limited': {
      const wait = retryAfter(RATE_LIMIT_RETRY_AFTER_SECONDS);
      if (outcome.format === 'form') return showFormAgain({ status: 429, problem: 'rateLimited', values: outcome.values }, wait);
      return jsonResponse({ error: dictionary(outcome.values.locale).pledge.rateLimited }, 429, wait);
    }
  }
};

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['POST']);
