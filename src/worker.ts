// The Worker: Astro's fetch handler, with the tally answered before Astro's pipeline (a plain JSON read costs a
// fraction of an endpoint's work), the queue consumers (pledges that waited for the database, confirmation emails, and
// what reached either dead-letter queue), and the scheduled maintenance. `main` in wrangler.jsonc points here.
import { handle } from '@astrojs/cloudflare/handler';
import { QUEUE_NAMES } from './config.ts';
import { maintenanceService } from './lib/maintenance/maintenance-service.ts';
import { confirmationMailService } from './lib/pledge/confirmation-mail-service.ts';
import { deadLetterService } from './lib/pledge/dead-letter-service.ts';
import { queueService } from './lib/pledge/queue-service.ts';
import { tallyService } from './lib/tally/tally-service.ts';
import { platform } from './platform.ts';

export default {
  fetch: (request, env, context) => {
    const tally = tallyService(platform());
    return tally.serves(request) ? tally.answer(request) : handle(request, env, context);
  },
  queue: (batch) => {
    if (batch.queue === QUEUE_NAMES.emails) return confirmationMailService(platform()).consume(batch.messages);
    if (batch.queue === QUEUE_NAMES.pledges) return queueService(platform()).consume(batch.messages);
    if (batch.queue === QUEUE_NAMES.pledgesDeadLetter || batch.queue === QUEUE_NAMES.emailsDeadLetter) {
      return deadLetterService(platform()).consume(batch.queue, batch.messages);
    }
    // A queue this Worker was not written for: retried, and kept by Cloudflare, rather than guessed at.
    throw new Error(`no consumer for the queue ${batch.queue}`);
  },
  scheduled: (_controller, _env, context) => context.waitUntil(maintenanceService(platform()).run()),
} satisfies ExportedHandler<Env>;
