import { startServer, type RunningServer, type ServerOptions } from '../libsql-server/server.ts';
import { migrateDatabase } from './migrate.ts';

export const DEV_HMAC_SECRET = 'local-development-only-not-secret';

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
