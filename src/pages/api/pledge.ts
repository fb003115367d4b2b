import type { APIRoute } from 'astro';
import { methodNotAllowed } from '../../lib/http/responses.ts';
import { answerPledge } from '../../lib/pledge/answer-pledge.ts';
import { pledgeService } from '../../lib/pledge/pledge-service.ts';
import { platform } from '../../platform.ts';

export const prerender = false;

export const POST: APIRoute = async (context) =>
  answerPledge(await pledgeService(platform()).take(context.request, context.url), {
    context,
    keep: (state) => (context.locals.pledgeForm = state),
  });

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['POST']);
