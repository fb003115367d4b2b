// The Worker: Astro's fetch handler, with the tally answered before Astro's pipeline (a plain JSON read costs a
// fraction of an endpoint's work), the queue consumer for pledges that waited for the database, and the scheduled
// maintenance (recount and retention). `main` in wrangler.jsonc points here.
import { handle } from '@astrojs/cloudflare/handler';
import { isTallyRequest } from './lib/tally/tally-request';
import { answerTally, consumeQueuedPledges, maintain } from './runtime';

export default {
  fetch: (request, env, context) => (isTallyRequest(request) ? answerTally(request) : handle(request, env, context)),
  queue: (batch) => consumeQueuedPledges(batch.messages),
  scheduled: (_controller, _env, context) => context.waitUntil(maintain()),
} satisfies ExportedHandler<Env>;
