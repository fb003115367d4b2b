// `npm run dev` and `npm run preview` start the local database on a free port, so that two projects, or a run and the
// tests, never collide. The organisers' command line and `npm run db:migrate` find it through a file beside the
// database, rather than guess a port; a file left behind by a run that was killed names a process that is gone, and is
// ignored.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalDatabase } from './local-database.ts';
import { LOCAL_DATABASE_URL } from './migrate.ts';

const ADDRESS_FILE = 'local-database.json';

/** Whether process `pid` still runs (signal 0 sends nothing: it only asks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The address of the local database a running `npm run dev` or `npm run preview` serves from `dataDir`, if one does. */
export function runningLocalDatabase(dataDir: string, running: (pid: number) => boolean = isRunning): string | undefined {
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(join(dataDir, ADDRESS_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const { url, pid } = (recorded ?? {}) as { url?: unknown; pid?: unknown };
  // 0 and negative numbers name process groups, which always answer.
  if (typeof url !== 'string' || !/^http:\/\/127\.0\.0\.1:\d+$/.test(url) || !Number.isSafeInteger(pid) || (pid as number) <= 0 || !running(pid as number)) return undefined;
  return url;
}

/** The database the command line uses when TURSO_DATABASE_URL is not set: a running local one, else `npm run db:serve`'s. */
export const localDatabaseUrl = (dataDir: string) => runningLocalDatabase(dataDir) ?? LOCAL_DATABASE_URL;

/**
 * Starts the local database on `dataDir`/walkaway.db, migrated, and records its address until it is closed, for the
 * command line to find.
 */
export async function serveLocalDatabase(dataDir: string, port: number) {
  const server = await startLocalDatabase({ file: join(dataDir, 'walkaway.db'), port });
  const addressFile = join(dataDir, ADDRESS_FILE);
  // Written whole or not at all (a rename), so a command reading it at that moment never sees half of it.
  writeFileSync(`${addressFile}.${process.pid}`, `${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
  renameSync(`${addressFile}.${process.pid}`, addressFile);
  return {
    url: server.url,
    async close() {
      // Only this run's record: another run may have started since and recorded its own.
      if (runningLocalDatabase(dataDir, (pid) => pid === process.pid) === server.url) rmSync(addressFile, { force: true });
      await server.close();
    },
  };
}
