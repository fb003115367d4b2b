import { createClient } from '@libsql/client/web';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from './schema.ts';

export type Database = LibSQLDatabase<typeof schema>;

export interface DatabaseConfig {
  url: string;
  authToken?: string | undefined;
}

/**
 * A Drizzle database over libSQL's HTTP (web) client: the one code path for Turso, the local server and tests.
 * Open one per request: a client shared between requests makes one request wait on another's I/O (its
 * concurrency limit queues them), which Workers refuses as a hung request.
 */
export function openDatabase({ url, authToken }: DatabaseConfig): Database {
  return drizzle(createClient(authToken ? { url, authToken } : { url }), { schema });
}
