import type { APIRoute } from 'astro';
import { dictionary } from '../../i18n/dictionary.ts';
import { answerFormPost } from '../../lib/forms/answer-form-post.ts';
import { methodNotAllowed } from '../../lib/http/responses.ts';
import { storyService } from '../../lib/story/story-service.ts';
import { platform } from '../../platform.ts';

export const prerender = false;

// A success answers `{"ok":true}` and nothing else: the story is never repeated back, not even to its writer.
export const POST: APIRoute = async (context) =>
  answerFormPost(await storyService(platform()).take(context.request, context.url), {
    form: 'story',
    context,
    words: (lang) => dictionary(lang).speakOut,
    success: () => ({}),
    keep: (state) => (context.locals.storyForm = state),
  });

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['POST']);
