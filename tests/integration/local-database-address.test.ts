// `npm run dev` and `npm run preview` serve the local database on a free port: the organisers' command line finds it
// through the address the run records beside the database, never through a record left by a run that is gone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localDatabaseUrl, runningLocalDatabase, serveLocalDatabase } from '../../scripts/lib/local-database-address.ts';
import { openDatabase } from '../../src/lib/db/client.ts';
import { addOfflinePledges } from '../../src/lib/organisers/offline-pledges.ts';
import { runNode } from '../support/astro-cli.ts';
import { copySite } from '../support/site-copy.ts';

const removals: Array<() => void> = [];
afterEach(() => removals.splice(0).forEach((remove) => remove()));
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'walkaway-data-'));
  removals.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const record = (dir: string, content: string) => writeFileSync(join(dir, 'local-database.json'), content);

describe('the local database of a running dev or preview', () => {
  it('is recorded while it runs and forgotten when it stops, when the command line falls back to db:serve’s port', async () => {
    const dir = dataDir();
    const served = await serveLocalDatabase(dir, 0);
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(localDatabaseUrl(dir)).toBe(served.url);
    } finally {
      await served.close();
    }
    expect(runningLocalDatabase(dir)).toBeUndefined();
    expect(localDatabaseUrl(dir)).toBe('http://127.0.0.1:8080');
  });

  it('ignores a record left by a run that was killed, one that is not a local address or names no process, and one that is not JSON', () => {
    const dir = dataDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    record(dir, JSON.stringify({ url: 'http://127.0.0.1:41234', pid: gone }));
    expect(runningLocalDatabase(dir)).toBeUndefined();
    record(dir, JSON.stringify({ url: 'https://elsewhere.example', pid: process.pid }));
    expect(runningLocalDatabase(dir)).toBeUndefined();
    // Process groups: signal 0 to them always succeeds.
    for (const group of [0, -1]) {
      record(dir, JSON.stringify({ url: 'http://127.0.0.1:41234', pid: group }));
      expect(runningLocalDatabase(dir)).toBeUndefined();
    }
    record(dir, JSON.stringify({ url: 'http://127.0.0.1:41234', pid: process.pid }));
    expect(runningLocalDatabase(dir)).toBe('http://127.0.0.1:41234');
    record(dir, '{"url":');
    expect(runningLocalDatabase(dir)).toBeUndefined();
  });

  it('is the database `npm run walkaway` works on when TURSO_DATABASE_URL is not set', async () => {
    const copy = copySite();
    removals.push(() => copy.remove());
    const served = await serveLocalDatabase(copy.path('.data'), 0);
    try {
      await addOfflinePledges(openDatabase({ url: served.url }), { partner: 'quiet-group', count: 120, collectedOn: '2026-12-01', note: null, by: 'Ana' }, new Date());
      const listed = await runNode(['scripts/walkaway.ts', 'offline', 'list', '--json'], { cwd: copy.dir, env: { TURSO_DATABASE_URL: '', TURSO_AUTH_TOKEN: '' } });
      expect(listed.code, listed.output).toBe(0);
      expect(JSON.parse(listed.output)).toMatchObject([{ partner: 'quiet-group', count: 120 }]);
    } finally {
      await served.close();
    }
  });
});
