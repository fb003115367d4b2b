// wrangler.jsonc and what is generated from it: the typed bindings and the queue and cron settings the code relies on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLEDGE_QUEUE_MAX_RETRIES } from '../../src/config';
import { projectRoot, runNode } from '../support/astro-cli';

const wrangler = join(projectRoot, 'node_modules/wrangler/bin/wrangler.js');
// Our wrangler.jsonc has whole-line comments only.
const config = JSON.parse(
  readFileSync(join(projectRoot, 'wrangler.jsonc'), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n'),
);

describe('the Worker configuration', () => {
  it('matches the committed types (worker-configuration.d.ts): run `npm run cf-typegen` after changing it', async () => {
    const { code, output } = await runNode([wrangler, 'types', '--strict-vars=false', '--check'], { env: { WRANGLER_SEND_METRICS: 'false' } });
    expect(output).toContain('up to date');
    expect(code).toBe(0);
  });

  it('sets every queue setting explicitly, with the retries the consumer counts on and a dead-letter queue', () => {
    const [consumer] = config.queues.consumers;
    expect(consumer).toEqual({
      queue: config.queues.producers[0].queue,
      max_batch_size: 100,
      max_batch_timeout: expect.any(Number),
      max_retries: PLEDGE_QUEUE_MAX_RETRIES,
      retry_delay: expect.any(Number),
      dead_letter_queue: expect.stringMatching(/\S/),
    });
    expect(consumer.dead_letter_queue).not.toBe(consumer.queue);
  });

  it('runs the recount every 15 minutes from the custom worker entry', () => {
    expect(config.triggers.crons).toEqual(['*/15 * * * *']);
    expect(config.main).toBe('./src/worker.ts');
  });
});
