import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import { migrate } from 'drizzle-orm/libsql/migrator';

export const LOCAL_DATABASE_URL = 'http://127.0.0.1:8080';
const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));

/** Applies the committed migrations through the same web client the worker uses. */
export async function migrateDatabase({ url, authToken }: { url: string; authToken?: string | undefined }) {
  const client = createClient(authToken ? { url, authToken } : { url });
  try {
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    client.close();
  }
}
