// Each setting is written once: its default in src/config.ts, and wrangler.jsonc naming the same value.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMAIL_SENDER_NAME, EMAIL_QUEUE, PLEDGE_QUEUE, QUEUE_NAMES, RATE_LIMITS, SETTING_DEFAULTS, TEXT_SETTING_NAMES } from '../../src/config.ts';
import { createLogger } from '../../src/lib/log.ts';
import { mailSettingsProblem, readMailSettings, readSettings } from '../../src/lib/settings.ts';
import { wranglerConfig } from '../support/wrangler-config.ts';

const config = wranglerConfig();

describe('the settings a deployment reads', () => {
  it('are whole numbers from wrangler.jsonc `vars`', () => {
    expect(
      readSettings({
        DATABASE_TIMEOUT_MS: '1500',
        PLEDGE_RETENTION_DAYS: ' 365 ',
        STORY_RETENTION_DAYS: '30',
        DRAFTED_STORY_RETENTION_DAYS: '90',
        EMAIL_RATE_PER_MINUTE: '20',
      }),
    ).toEqual({
      DATABASE_TIMEOUT_MS: 1_500,
      PLEDGE_RETENTION_DAYS: 365,
      STORY_RETENTION_DAYS: 30,
      DRAFTED_STORY_RETENTION_DAYS: 90,
      EMAIL_RATE_PER_MINUTE: 20,
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

describe('how pledges are confirmed, and who the email is from', () => {
  it('confirms by email unless PLEDGE_CONFIRMATION is exactly none: a typo never turns confirmation off', () => {
    expect(readMailSettings({}).confirmation).toBe('email');
    expect(readMailSettings({ PLEDGE_CONFIRMATION: 'none' }).confirmation).toBe('none');
    expect(readMailSettings({ PLEDGE_CONFIRMATION: ' none ' }).confirmation).toBe('none');
    for (const typo of ['None', 'no', 'off', 'false', '', 'emial']) expect(readMailSettings({ PLEDGE_CONFIRMATION: typo }).confirmation).toBe('email');
  });

  it('writes from EMAIL_FROM under a sender name that names no cause, and the subject only when one is given', () => {
    expect(readMailSettings({ EMAIL_FROM: ' confirm@example.org ', EMAIL_SENDER_NAME: '', EMAIL_SUBJECT: '' })).toEqual({
      confirmation: 'email',
      from: 'confirm@example.org',
      senderName: DEFAULT_EMAIL_SENDER_NAME,
      subject: undefined,
    });
    expect(DEFAULT_EMAIL_SENDER_NAME).not.toMatch(/traffick|sex|abuse|exploit/i);
    expect(readMailSettings({ EMAIL_SENDER_NAME: 'Newsletter', EMAIL_SUBJECT: 'Your sign-up' })).toMatchObject({ senderName: 'Newsletter', subject: 'Your sign-up' });
  });
});

describe('a deployment that confirms by email', () => {
  it('is refused with the placeholder sender or no address, and not when it does not confirm by email', () => {
    expect(mailSettingsProblem(config.vars)).toMatch(/EMAIL_FROM is the placeholder confirm@walkaway\.example/);
    expect(mailSettingsProblem({ EMAIL_FROM: '' })).toMatch(/not an email address/);
    expect(mailSettingsProblem({ EMAIL_FROM: 'walkaway' })).toMatch(/not an email address/);
    expect(mailSettingsProblem({ EMAIL_FROM: 'confirm@campaign.org' })).toBeUndefined();
    expect(mailSettingsProblem({ PLEDGE_CONFIRMATION: 'none', EMAIL_FROM: '' })).toBeUndefined();
  });
});

describe('wrangler.jsonc and src/config.ts', () => {
  const TEXT_SETTINGS: readonly string[] = TEXT_SETTING_NAMES;

  it('name the same value for every setting, and no setting the code does not read', () => {
    const numeric = Object.entries(config.vars).filter(([name]) => !TEXT_SETTINGS.includes(name));
    expect(Object.fromEntries(numeric.map(([name, value]) => [name, Number(value)]))).toEqual(SETTING_DEFAULTS);
    expect(Object.keys(config.vars).filter((name) => TEXT_SETTINGS.includes(name)).sort()).toEqual([...TEXT_SETTINGS].sort());
    expect(config.vars.PLEDGE_CONFIRMATION).toBe('email');
    expect(readMailSettings(config.vars).senderName).not.toMatch(/traffick|sex|abuse|exploit/i);
  });

  it('bind the confirmation emails: the send_email binding, the email queue and its dead-letter queue, both consumed', () => {
    expect(config.send_email).toEqual([{ name: 'EMAIL' }]);
    expect(config.queues.producers).toContainEqual({ binding: 'EMAIL_QUEUE', queue: QUEUE_NAMES.emails });
    expect(config.queues.consumers).toContainEqual({
      queue: QUEUE_NAMES.emails,
      max_batch_size: EMAIL_QUEUE.maxBatchSize,
      max_batch_timeout: EMAIL_QUEUE.maxBatchTimeoutSeconds,
      max_retries: EMAIL_QUEUE.maxRetries,
      retry_delay: PLEDGE_QUEUE.retryBaseSeconds,
      dead_letter_queue: QUEUE_NAMES.emailsDeadLetter,
    });
    const consumed = config.queues.consumers.map(({ queue }) => queue).sort();
    expect(consumed).toEqual(Object.values(QUEUE_NAMES).sort());
  });

  it('set the same rate limits, which a refused sender is told to wait out', () => {
    const bound = Object.fromEntries(config.ratelimits.map(({ name, simple }) => [name, { limit: simple.limit, periodSeconds: simple.period }]));
    expect(bound).toEqual(Object.fromEntries(Object.values(RATE_LIMITS).map(({ binding, limit, periodSeconds }) => [binding, { limit, periodSeconds }])));
  });

  it('set the same queue retries and batches, every one explicit, with a dead-letter queue of its own', () => {
    const [consumer] = config.queues.consumers;
    expect(consumer).toEqual({
      queue: QUEUE_NAMES.pledges,
      max_batch_size: PLEDGE_QUEUE.maxBatchSize,
      max_batch_timeout: PLEDGE_QUEUE.maxBatchTimeoutSeconds,
      max_retries: PLEDGE_QUEUE.maxRetries,
      retry_delay: PLEDGE_QUEUE.retryBaseSeconds,
      dead_letter_queue: QUEUE_NAMES.pledgesDeadLetter,
    });
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
