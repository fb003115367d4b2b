// `npm run release` applies migrations while the previous release still serves: the newest migration, applied to a
// database the live release is using, must leave every one of its statements working, before and after, and what it
// wrote counted as it was (README, "Writing a migration").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, pendingMigrations } from '../../scripts/lib/migrate.ts';
import type { RunningServer } from '../../scripts/libsql-server/server.ts';
import { openDatabase } from '../../src/lib/db/client.ts';
import { recountTally } from '../../src/lib/tally/recount-tally.ts';
import { LIVE_RELEASE } from '../fixtures/live-release-queries.ts';
import { NEWEST_MIGRATION, startDatabaseBeforeNewestMigration } from '../support/previous-release-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'walkaway-migration-'));
let server: RunningServer;
let sql: ReturnType<typeof createClient>;

beforeAll(async () => {
  server = await startDatabaseBeforeNewestMigration(dir);
  sql = createClient({ url: server.url });
});
afterAll(async () => {
  sql.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const runLiveRelease = async (n: number) => {
  for (const statements of [LIVE_RELEASE.pledge(n), LIVE_RELEASE.readTally, LIVE_RELEASE.scheduled(Date.now()), LIVE_RELEASE.story(n)]) {
    await sql.batch(statements, 'write');
  }
};
const total = async () => Number((await sql.execute('SELECT total FROM tally WHERE id = 1')).rows[0]?.[0]);

describe(`the newest migration (${NEWEST_MIGRATION})`, () => {
  it('is applied under the live release’s statements, which keep working and keep counting', async () => {
    await runLiveRelease(1);
    expect(await total()).toBe(1);
    expect(await pendingMigrations({ url: server.url })).toEqual([NEWEST_MIGRATION]);

    await migrateDatabase({ url: server.url });
    expect(await pendingMigrations({ url: server.url })).toEqual([]);
    await runLiveRelease(2);
    await sql.batch(LIVE_RELEASE.forget(1), 'write');
    await runLiveRelease(3);

    expect(await total()).toBe(2);
    expect(await recountTally(openDatabase({ url: server.url }), () => new Date())).toEqual([]);
  });
});
