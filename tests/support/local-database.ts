import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client/web';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startLocalDatabase } from '../../scripts/lib/local-database.ts';
import { startServer, type RunningServer } from '../../scripts/libsql-server/server.ts';
import { type FakePlatform, fakePlatform, type FakePlatformOptions } from './fake-platform.ts';

export interface TestDatabase {
  file: string;
  server: RunningServer;
  /** Stops the server; the file stays, as a crashed or stopped database would leave it. */
  stop(): Promise<void>;
  /** Starts the server again on the same file and port. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** A local libSQL server on a fresh file, migrated unless `migrated` is false. */
export async function createTestDatabase({ migrated = true, streamIdleMs }: { migrated?: boolean; streamIdleMs?: number } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'walkaway-db-'));
  const file = join(dir, 'test.db');
  const start = (port = 0) =>
    migrated ? startLocalDatabase({ file, port }) : startServer({ file, port, ...(streamIdleMs ? { streamIdleMs } : {}) });
  const database: TestDatabase = {
    file,
    server: await start(),
    async stop() {
      await database.server.close();
    },
    async restart() {
      database.server = await start(database.server.port);
    },
    async dispose() {
      await database.server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return database;
}

export interface LocalDatabase {
  readonly database: TestDatabase;
  readonly url: string;
  /** SQL straight to the server, for setting up and looking at what was stored. */
  readonly sql: Client;
  /** The first column of the first row of a query, as a number: `count('SELECT count(*) FROM pledges')`. */
  count(query: string): Promise<number>;
  /** A platform for the services whose database is this server (tests/support/fake-platform.ts). */
  platform(options?: FakePlatformOptions): Promise<FakePlatform>;
}

/**
 * The local libSQL server for one test file: started and migrated before its tests, emptied before each test (every
 * table, the tally back to 0), stopped and removed after. Platforms made from it are disposed after each test.
 */
export function useLocalDatabase(): LocalDatabase {
  let database: TestDatabase | undefined;
  let sql: Client | undefined;
  const platforms: FakePlatform[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    sql = createClient({ url: database.server.url });
  });
  afterAll(async () => {
    sql?.close();
    await database?.dispose();
  });
  beforeEach(async () => {
    for (const platform of platforms.splice(0)) platform.dispose();
    await sql!.batch(
      ['DELETE FROM subscribers', 'DELETE FROM pledges', 'DELETE FROM tally_by_country', 'DELETE FROM submissions', 'DELETE FROM offline_pledges', "UPDATE tally SET total = 0, offline = 0, milestones = '{}'"],
      'write',
    );
  });
  return {
    get database() {
      return database!;
    },
    get url() {
      return database!.server.url;
    },
    get sql() {
      return sql!;
    },
    count: async (query) => Number((await sql!.execute(query)).rows[0]?.[0]),
    async platform(options = {}) {
      const platform = await fakePlatform({ ...options, databaseUrl: database!.server.url });
      platforms.push(platform);
      return platform;
    },
  };
}
