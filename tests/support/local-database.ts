import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalDatabase } from '../../scripts/lib/local-database.ts';
import { startServer, type RunningServer } from '../../scripts/libsql-server/server.ts';

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
