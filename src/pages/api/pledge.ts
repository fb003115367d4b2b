import type { APIRoute } from 'astro';
import { jsonResponse, methodNotAllowed } from '../../lib/http/responses';
import { handlePledge, RATE_LIMIT_RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS } from '../../lib/pledge/handle-pledge';
import { RATE_LIMITED_MESSAGE, UNAVAILABLE_MESSAGE } from '../../lib/pledge/messages';
import { pledgeDeps } from '../../runtime';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const outcome = await handlePledge(context.request, pledgeDeps(context.url));
  const retryAfter = (seconds: number) => ({ 'retry-after': String(seconds) });
  // The form page renders from a fresh GET; what the person typed travels in locals, never in the URL.
  const showFormAgain = async (form: NonNullable<App.Locals['pledgeForm']>, headers: Record<string, string> = {}) => {
    context.locals.pledgeForm = form;
    const page = await context.rewrite(new Request(new URL('/pledge', context.url), { method: 'GET' }));
    for (const [name, value] of Object.entries(headers)) page.headers.set(name, value);
    return page;
  };

  switch (outcome.kind) {
    case 'refused':
      return jsonResponse({ error: outcome.message }, outcome.status);
    case 'recorded':
      return outcome.format === 'json'
        ? jsonResponse({ ok: true, total: outcome.total, ...(outcome.queued ? { queued: true } : {}) })
        : context.redirect('/pledge/thanks', 303);
    case 'invalid':
      if (outcome.format === 'json') return jsonResponse({ errors: outcome.errors }, 400);
      return showFormAgain({ status: 400, errors: outcome.errors, values: outcome.values });
    case 'unavailable':
      if (outcome.format === 'json') {
        return jsonResponse({ error: UNAVAILABLE_MESSAGE }, 503, retryAfter(RETRY_AFTER_SECONDS));
      }
      return showFormAgain({ status: 503, problem: UNAVAILABLE_MESSAGE, values: outcome.values });
    case 'limited': {
      const wait = retryAfter(RATE_LIMIT_RETRY_AFTER_SECONDS);
      if (outcome.format === 'json') return jsonResponse({ error: RATE_LIMITED_MESSAGE }, 429, wait);
      return showFormAgain({ status: 429, problem: RATE_LIMITED_MESSAGE, values: outcome.values }, wait);
    }
  }
};

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['POST']);
