import type { APIRoute } from 'astro';
import { dictionary } from '../../i18n/dictionary';
import { localizePath } from '../../i18n/locales';
import { answerFormPost } from '../../lib/forms/answer-form-post';
import { formPageAgain } from '../../lib/forms/form-page';
import { methodNotAllowed } from '../../lib/http/responses';
import { handleStory } from '../../lib/speak-out/handle-story';
import { speakOutDeps } from '../../runtime';

export const prerender = false;

// A success answers `{"ok":true}` and nothing else: the story is never repeated back, not even to its writer.
export const POST: APIRoute = async (context) =>
  answerFormPost(await handleStory(context.request, speakOutDeps(context.url)), {
    words: (lang) => dictionary(lang).speakOut,
    success: () => ({}),
    thanks: (lang) => context.redirect(localizePath('/speak-out/thanks', lang), 303),
    showForm: (state) => {
      context.locals.storyForm = state;
      return formPageAgain(context, '/speak-out', state.values.locale);
    },
  });

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['POST']);
