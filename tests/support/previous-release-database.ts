// A local database as the release now live left it: every committed migration but the newest, which `npm run release`
// would apply next.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase } from '../../scripts/lib/migrate.ts';
import { type RunningServer, startServer } from '../../scripts/libsql-server/server.ts';
import { projectRoot } from './astro-cli.ts';

const journal = JSON.parse(readFileSync(join(projectRoot, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };

/** The newest committed migration's name (`0009_verified_pledges`). */
export const NEWEST_MIGRATION = journal.entries.at(-1)!.tag;

/** Starts the local libSQL server on a database in `dir` migrated up to, but not including, NEWEST_MIGRATION. */
export async function startDatabaseBeforeNewestMigration(dir: string): Promise<RunningServer> {
  const previous = join(dir, 'previous-migrations');
  cpSync(join(projectRoot, 'db/migrations'), previous, { recursive: true });
  writeFileSync(join(previous, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
  const server = await startServer({ file: join(dir, 'walkaway.db') });
  await migrateDatabase({ url: server.url }, previous);
  return server;
}
