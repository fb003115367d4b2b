import { createClient } from '@libsql/client/web';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from './schema';

export type Database = LibSQLDatabase<typeof schema>;

export interface DatabaseConfig {
  url: string;
  authToken?: string | undefined;
}

const databases = new Map<string, Database>();

/**
 * A Drizzle database over libSQL's HTTP (web) client: the one code path for Turso, the local server and tests.
 * HTTP clients hold no connection, so one per URL is reused for the life of the isolate.
 */
export function openDatabase({ url, authToken }: DatabaseConfig): Database {
  const key = `${url}\n${authToken ?? ''}`;
  let database = databases.get(key);
  if (!database) {
    database = drizzle(createClient(authToken ? { url, authToken } : { url }), { schema });
    databases.set(key, database);
  }
  return database;
}
