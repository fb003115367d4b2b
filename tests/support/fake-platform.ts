// A Platform for the services' unit tests: the real schema and SQL on an embedded libSQL file (no server), a database
// that can be made to fail or to never answer, an in-memory edge cache, queue and rate limiter, a settable clock and
// a log that tests can read. Everything a deployment may lack can be left out, as src/platform.ts would leave it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { createClient as createWebClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { SETTING_DEFAULTS } from '../../src/config.ts';
import * as schema from '../../src/lib/db/schema.ts';
import type { Database } from '../../src/lib/db/client.ts';
import { createLogger } from '../../src/lib/log.ts';
import { newEditorKey } from '../../src/lib/story/seal-story.ts';
import type { MailSettings, Platform, Secrets, Settings } from '../../src/lib/platform.ts';
import type { ConfirmationMailRequest } from '../../src/lib/pledge/confirmation-mail-queue.ts';
import type { PledgeRecord } from '../../src/lib/pledge/prepare-pledge.ts';
import type { RateLimiter } from '../../src/lib/security/rate-limit.ts';
import { createTallyMemory, type EdgeCache } from '../../src/lib/tally/tally-cache.ts';
import { parseMilestones } from '../../src/lib/tally/milestone-file.ts';
import { createIntegrityMemory } from '../../src/lib/integrity/integrity-service.ts';

const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export type DatabaseState = 'up' | 'down' | 'stalled';

export interface FakePlatform extends Platform {
  /** What the services logged, a line each, as the Worker's log would show it. */
  lines: string[];
  /** Every pledge handed to the queue. */
  queued: PledgeRecord[];
  /** Every confirmation email asked for (the email queue), with the delay it was put back with, if any. */
  mailRequests: Array<ConfirmationMailRequest & { delaySeconds?: number }>;
  /** Every email handed to the EMAIL binding. */
  sentMail: Array<Parameters<NonNullable<Platform['email']>['send']>[0]>;
  /** SQL straight to the database file, for looking at what was stored. */
  sql: Client;
  /** Up: answers. Down: every statement fails as an unreachable server does. Stalled: no answer, ever. */
  setDatabase(state: DatabaseState): void;
  /** How many statements or batches reached the database. */
  databaseCalls(): number;
  setTime(ms: number): void;
  /** Ends every `sleep` now and waits for the work handed to `defer` (the integrity counts' write) to finish. */
  settle(): Promise<void>;
  dispose(): void;
}

export interface FakePlatformOptions {
  secrets?: Partial<Secrets>;
  settings?: Partial<Settings>;
  /** The site's public address as built; a local build's by default. */
  site?: string;
  /** Leave the database unconfigured (no TURSO_DATABASE_URL). */
  withoutDatabase?: boolean;
  /** A migrated database server to use (integration tests) instead of an embedded file of its own. */
  databaseUrl?: string;
  /** Leave the pledge queue unbound, or make it refuse every message. */
  queue?: 'bound' | 'unbound' | 'refusing';
  /**
   * How pledges are confirmed and who emails come from; `none` unless a test says otherwise, so that tests of what
   * happens once a pledge counts need no confirmation step.
   */
  mail?: Partial<MailSettings>;
  /** The milestones' values; the fixture content's (tests/fixtures/content/campaign/milestones.yaml) by default. */
  milestones?: readonly number[];
  /** Leave the email queue or the EMAIL binding unbound, or make the binding refuse every email. */
  email?: { queue?: 'bound' | 'unbound'; sender?: 'bound' | 'unbound' | 'refusing' };
  rateLimiters?: Platform['rateLimiters'];
  fetch?: typeof fetch;
}

/** An editor's identity for the tests, made once per run, and its public key. */
export const TEST_EDITOR = await newEditorKey();

/** The fixture content's milestones, as the build reads them. */
export const FIXTURE_MILESTONES = parseMilestones(
  readFileSync(new URL('../fixtures/content/campaign/milestones.yaml', import.meta.url), 'utf8'),
  'tests/fixtures/content/campaign/milestones.yaml',
);

/** A local run's secrets: a database on this machine, a key of its own, the test editor, Turnstile off. */
export const FAKE_SECRETS: Secrets = {
  databaseUrl: 'http://127.0.0.1:8080',
  hmacSecret: 'unit-test-secret',
  storyRecipients: TEST_EDITOR.recipient,
  turnstileSiteKey: undefined,
  turnstileSecretKey: undefined,
  turnstileVerifyUrl: undefined,
  turnstileDisabled: undefined,
};

/** An edge cache in memory, answering copies as the Cache API does. */
export function memoryCache(): EdgeCache & { entries: Map<string, Response> } {
  const entries = new Map<string, Response>();
  return {
    entries,
    match: async (request) => entries.get(request.url)?.clone(),
    put: async (request, response) => void entries.set(request.url, response.clone()),
  };
}

/** A rate limiter that lets `limit` sends through per key and refuses the rest. */
export function countingLimiter(limit: number): RateLimiter & { keys: string[] } {
  const counts = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    limit: async ({ key }) => {
      keys.push(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return { success: counts.get(key)! <= limit };
    },
  };
}

export async function fakePlatform(options: FakePlatformOptions = {}): Promise<FakePlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'walkaway-unit-'));
  const sql = options.databaseUrl ? createWebClient({ url: options.databaseUrl }) : createClient({ url: `file:${join(dir, 'walkaway.db')}` });
  if (!options.databaseUrl) await migrate(drizzle(sql), { migrationsFolder });

  let state: DatabaseState = 'up';
  let calls = 0;
  const gate = async () => {
    calls += 1;
    if (state === 'down') throw new TypeError('fetch failed');
    if (state === 'stalled') await new Promise<never>(() => {});
  };
  // The client the services see: the real one, behind the switch.
  const client = new Proxy(sql, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !['execute', 'batch', 'transaction', 'executeMultiple'].includes(String(property))) return value;
      return async (...args: unknown[]) => {
        await gate();
        return value.apply(target, args);
      };
    },
  });
  const database = drizzle(client, { schema }) as unknown as Database;

  const lines: string[] = [];
  const queued: PledgeRecord[] = [];
  const deferred: Array<Promise<unknown>> = [];
  const sleepers: Array<() => void> = [];
  const mailRequests: FakePlatform['mailRequests'] = [];
  const sentMail: FakePlatform['sentMail'] = [];
  const senderMode = options.email?.sender ?? 'bound';
  // Stands still at the moment the platform was made, unless a test moves it.
  let time = Date.now();
  const queueMode = options.queue ?? 'bound';

  return {
    site: options.site ?? 'http://localhost:4321',
    secrets: { ...FAKE_SECRETS, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), ...options.secrets },
    database: options.withoutDatabase ? undefined : () => database,
    settings: { ...SETTING_DEFAULTS, ...options.settings },
    pledgeQueue:
      queueMode === 'unbound'
        ? undefined
        : {
            send: async (record) => {
              if (queueMode === 'refusing') throw new Error('queue refused the message');
              queued.push(structuredClone(record));
            },
          },
    mail: { confirmation: 'none', from: 'confirm@walkaway.example', senderName: 'Walkaway', subject: undefined, ...options.mail },
    milestones: options.milestones ?? FIXTURE_MILESTONES.map(({ value }) => value),
    emailQueue:
      options.email?.queue === 'unbound'
        ? undefined
        : { send: async (request, sendOptions) => void mailRequests.push({ ...structuredClone(request), ...sendOptions }) },
    email:
      senderMode === 'unbound'
        ? undefined
        : {
            send: async (message) => {
              if (senderMode === 'refusing') throw new Error('the email service refused the message');
              sentMail.push(structuredClone(message));
            },
          },
    rateLimiters: options.rateLimiters ?? { pledge: undefined, story: undefined },
    cache: memoryCache(),
    memory: { tally: createTallyMemory(), integrity: createIntegrityMemory() },
    defer: (work) => void deferred.push(work),
    // A sleep ends when the test says so (settle), never by a clock a busy machine could miss.
    sleep: () => new Promise<void>((resolve) => sleepers.push(resolve)),
    log: createLogger({ log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) }),
    clock: { now: () => new Date(time) },
    fetch: options.fetch ?? (async () => new Response('no network in unit tests', { status: 599 })),
    lines,
    queued,
    mailRequests,
    sentMail,
    sql,
    setDatabase: (next) => void (state = next),
    databaseCalls: () => calls,
    setTime: (ms) => void (time = ms),
    async settle() {
      for (const wake of sleepers.splice(0)) wake();
      await Promise.all(deferred.splice(0));
    },
    dispose: () => {
      sql.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Pledges written straight into the fake platform's database (the tally triggers count them), one per country given. */
export async function addPledges(platform: FakePlatform, countries: ReadonlyArray<string | null>): Promise<void> {
  const start = Number((await platform.sql.execute('SELECT count(*) FROM pledges')).rows[0]![0]);
  await platform.sql.batch(
    countries.map((country, index) => ({
      sql: 'INSERT INTO pledges (email_hmac, idempotency_key, country, created_at) VALUES (?, ?, ?, ?)',
      args: [String(start + index).padStart(64, '0'), 'key', country, platform.clock.now().getTime()],
    })),
    'write',
  );
}

/**
 * Resolves once the services have sent something to the database: from then on its timeout is running, and fake
 * timers can be moved past it. Waits on the event, turn by turn, never on a clock.
 */
export async function untilDatabaseCalled(platform: FakePlatform, calls = 1): Promise<void> {
  while (platform.databaseCalls() < calls) await new Promise((resolve) => setImmediate(resolve));
}
