import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import { migrate } from 'drizzle-orm/libsql/migrator';

export const LOCAL_DATABASE_URL = 'http://127.0.0.1:8080';
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../db/migrations', import.meta.url));

interface Connection {
  url: string;
  authToken?: string | undefined;
}

const connect = ({ url, authToken }: Connection) => createClient(authToken ? { url, authToken } : { url });

/** Applies the committed migrations through the same web client the worker uses. */
export async function migrateDatabase(connection: Connection, migrationsFolder = MIGRATIONS_FOLDER) {
  const client = connect(connection);
  try {
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    client.close();
  }
}

/**
 * The committed migrations the database has not had yet, by name (`0009_verified_pledges`), oldest first. Drizzle
 * records each applied migration's time in `__drizzle_migrations` and applies every one committed after the last.
 */
export async function pendingMigrations(connection: Connection, migrationsFolder = MIGRATIONS_FOLDER): Promise<string[]> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: Array<{ tag: string; when: number }> };
  const client = connect(connection);
  try {
    const exists = await client.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'");
    const last = Number(exists.rows[0]?.[0]) === 0 ? undefined : (await client.execute('SELECT max(created_at) FROM __drizzle_migrations')).rows[0]?.[0];
    const lastApplied = last === undefined || last === null ? -1 : Number(last);
    return journal.entries.filter(({ when }) => when > lastApplied).map(({ tag }) => tag);
  } finally {
    client.close();
  }
}
