import { startServer, type RunningServer, type ServerOptions } from '../libsql-server/server.ts';
import { migrateDatabase } from './migrate.ts';

/**
 * The SUBMISSION_KEY local runs sealed stories with before the editors' keys (32 bytes that spell
 * "walkaway-local-development-only!"): only `submissions reseal` still reads it, for a local database.
 */
export const RETIRED_DEV_SUBMISSION_KEY = 'd2Fsa2F3YXktbG9jYWwtZGV2ZWxvcG1lbnQtb25seSE=';

/** Starts the local libSQL server on `file` and brings it to the latest migration. */
export async function startLocalDatabase(options: Pick<ServerOptions, 'file' | 'port' | 'onRequest'>): Promise<RunningServer> {
  const server = await startServer(options);
  try {
    await migrateDatabase({ url: server.url });
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}
