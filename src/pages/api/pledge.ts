import type { APIRoute } from 'astro';
import { dictionary } from '../../i18n/dictionary';
import { localizePath } from '../../i18n/locales';
import { answerFormPost } from '../../lib/forms/answer-form-post';
import { formPageAgain } from '../../lib/forms/form-page';
import { methodNotAllowed } from '../../lib/http/responses';
import { handlePledge } from '../../lib/pledge/handle-pledge';
import { pledgeDeps } from '../../runtime';

export const prerender = false;

export const POST: APIRoute = async (context) =>
  answerFormPost(await handlePledge(context.request, pledgeDeps(context.url)), {
    words: (lang) => dictionary(lang).pledge,
    success: (result) => result,
    thanks: (lang) => context.redirect(localizePath('/pledge/thanks', lang), 303),
    showForm: (state) => {
      context.locals.pledgeForm = state;
      return formPageAgain(context, '/pledge', state.values.locale);
    },
  });

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['POST']);
