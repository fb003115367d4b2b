import type { APIRoute } from 'astro';
import { dictionary } from '../../i18n/dictionary.ts';
import { answerFormPost } from '../../lib/forms/answer-form-post.ts';
import { SITE_FORMS } from '../../lib/forms/site-forms.ts';
import { methodNotAllowed } from '../../lib/http/responses.ts';
import { pledgeService } from '../../lib/pledge/pledge-service.ts';
import { platform } from '../../platform.ts';

export const prerender = false;

export const POST: APIRoute = async (context) =>
  answerFormPost(await pledgeService(platform()).take(context.request, context.url), {
    form: 'pledge',
    context,
    words: (lang) => dictionary(lang).pledge,
    success: (answer) => answer,
    landing: (answer) => ('status' in answer ? SITE_FORMS.pledge.checkEmail : SITE_FORMS.pledge.thanks),
    keep: (state) => (context.locals.pledgeForm = state),
  });

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['POST']);
