// Each setting is written once: its default in src/config.ts, and wrangler.jsonc naming the same value.
import { describe, expect, it } from 'vitest';
import { PLEDGE_QUEUE, RATE_LIMITS, SETTING_DEFAULTS } from '../../src/config.ts';
import { createLogger } from '../../src/lib/log.ts';
import { readSettings } from '../../src/lib/settings.ts';
import { wranglerConfig } from '../support/wrangler-config.ts';

const config = wranglerConfig();

describe('the settings a deployment reads', () => {
  it('are whole numbers from wrangler.jsonc `vars`', () => {
    expect(
      readSettings({ DATABASE_TIMEOUT_MS: '1500', PLEDGE_RETENTION_DAYS: ' 365 ', STORY_RETENTION_DAYS: '30', DRAFTED_STORY_RETENTION_DAYS: '90' }),
    ).toEqual({
      DATABASE_TIMEOUT_MS: 1_500,
      PLEDGE_RETENTION_DAYS: 365,
      STORY_RETENTION_DAYS: 30,
      DRAFTED_STORY_RETENTION_DAYS: 90,
    });
  });

  it.each(['', '0', '-5', '3s', '1.5', '1e3', 'NaN', '99999999999999999999'])('fall back to the default for %j, never to "off"', (value) => {
    const all = Object.fromEntries(Object.keys(SETTING_DEFAULTS).map((name) => [name, value]));
    expect(readSettings(all)).toEqual(SETTING_DEFAULTS);
  });

  it('fall back to the defaults when missing', () => {
    expect(readSettings({})).toEqual(SETTING_DEFAULTS);
  });
});

describe('wrangler.jsonc and src/config.ts', () => {
  it('name the same value for every setting, and no setting the code does not read', () => {
    expect(Object.fromEntries(Object.entries(config.vars).map(([name, value]) => [name, Number(value)]))).toEqual(SETTING_DEFAULTS);
  });

  it('set the same rate limits, which a refused sender is told to wait out', () => {
    const bound = Object.fromEntries(config.ratelimits.map(({ name, simple }) => [name, { limit: simple.limit, periodSeconds: simple.period }]));
    expect(bound).toEqual(Object.fromEntries(Object.values(RATE_LIMITS).map(({ binding, limit, periodSeconds }) => [binding, { limit, periodSeconds }])));
  });

  it('set the same queue retries and batches, every one explicit, with a dead-letter queue of its own', () => {
    const [consumer] = config.queues.consumers;
    expect(consumer).toEqual({
      queue: config.queues.producers[0]!.queue,
      max_batch_size: PLEDGE_QUEUE.maxBatchSize,
      max_batch_timeout: PLEDGE_QUEUE.maxBatchTimeoutSeconds,
      max_retries: PLEDGE_QUEUE.maxRetries,
      retry_delay: PLEDGE_QUEUE.retryBaseSeconds,
      dead_letter_queue: expect.stringMatching(/\S/),
    });
    expect(consumer!.dead_letter_queue).not.toBe(consumer!.queue);
  });

  it('run the recount every 15 minutes from the custom worker entry', () => {
    expect(config.triggers.crons).toEqual(['*/15 * * * *']);
    expect(config.main).toBe('./src/worker.ts');
  });
});

describe('the log', () => {
  it('says a deployment mistake once per isolate, however often it matters', () => {
    const lines: string[] = [];
    const log = createLogger({ log: (line: string) => lines.push(`log ${line}`), error: (line: string) => lines.push(`error ${line}`) });
    for (let request = 0; request < 3; request += 1) {
      log.warnOnce('PLEDGE_QUEUE is not bound');
      log.infoOnce('Turnstile is off');
    }
    log.error('pledge could not be stored', Object.assign(new Error('down'), { code: 'SQLITE_BUSY' }));
    expect(lines).toEqual([
      'error [walkaway] PLEDGE_QUEUE is not bound',
      'log [walkaway] Turnstile is off',
      'error [walkaway] pledge could not be stored: Error [SQLITE_BUSY]: down',
    ]);
  });
});
