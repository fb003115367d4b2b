// `npm run db:migrate`: applies db/migrations to TURSO_DATABASE_URL (default: the local database of a running
// `npm run dev` or `npm run preview`, else the server from `npm run db:serve`).
import { fileURLToPath } from 'node:url';
import { localDatabaseUrl } from './lib/local-database-address.ts';
import { LOCAL_DATABASE_URL, migrateDatabase } from './lib/migrate.ts';

const url = process.env.TURSO_DATABASE_URL ?? localDatabaseUrl(fileURLToPath(new URL('../.data', import.meta.url)));
try {
  await migrateDatabase({ url, authToken: process.env.TURSO_AUTH_TOKEN });
  console.log(`Migrations applied to ${url}`);
} catch (error) {
  console.error(`Could not migrate ${url}: ${(error as Error).message}`);
  if (url === LOCAL_DATABASE_URL) console.error('Is the local server running? Start it with `npm run db:serve`.');
  process.exit(1);
}
