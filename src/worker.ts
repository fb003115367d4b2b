// The Worker: Astro's fetch handler, with the tally answered before Astro's pipeline (a plain JSON read costs a
// fraction of an endpoint's work), the queue consumer for pledges that waited for the database, and the scheduled
// maintenance (recount and retention). `main` in wrangler.jsonc points here.
import { handle } from '@astrojs/cloudflare/handler';
import { maintenanceService } from './lib/maintenance/maintenance-service.ts';
import { queueService } from './lib/pledge/queue-service.ts';
import { tallyService } from './lib/tally/tally-service.ts';
import { platform } from './platform.ts';

export default {
  fetch: (request, env, context) => {
    const tally = tallyService(platform());
    return tally.serves(request) ? tally.answer(request) : handle(request, env, context);
  },
  queue: (batch) => queueService(platform()).consume(batch.messages),
  scheduled: (_controller, _env, context) => context.waitUntil(maintenanceService(platform()).run()),
} satisfies ExportedHandler<Env>;
