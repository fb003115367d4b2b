// `npm run release`: refuses without what it needs, and `--dry-run` against a local database that lacks the latest
// migration names that migration, applies nothing, and checks the Worker with `wrangler deploy --dry-run`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createClient } from '@libsql/client/web';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pendingMigrations } from '../../scripts/lib/migrate.ts';
import type { RunningServer } from '../../scripts/libsql-server/server.ts';
import { projectRoot, runNode } from '../support/astro-cli.ts';
import { NEWEST_MIGRATION as latest, startDatabaseBeforeNewestMigration } from '../support/previous-release-database.ts';
import { copySite, type SiteCopy } from '../support/site-copy.ts';

const dir = mkdtempSync(join(tmpdir(), 'walkaway-release-'));
let server: RunningServer;
let copy: SiteCopy;

beforeAll(async () => {
  server = await startDatabaseBeforeNewestMigration(dir);
  copy = copySite();
});
afterAll(async () => {
  await server.close();
  copy.remove();
  rmSync(dir, { recursive: true, force: true });
});

const release = (env: Record<string, string>, args: string[] = []) => runNode(['scripts/release.ts', ...args], { cwd: copy.dir, env });

describe('npm run release', () => {
  it.each([
    ['SITE_URL', { TURSO_DATABASE_URL: 'libsql://walkaway.turso.io', TURSO_AUTH_TOKEN: 't' }, 'SITE_URL is not set'],
    ['TURSO_DATABASE_URL', { SITE_URL: 'https://walkaway.example' }, 'TURSO_DATABASE_URL is not set'],
    ['a token', { SITE_URL: 'https://walkaway.example', TURSO_DATABASE_URL: 'libsql://walkaway.turso.io' }, 'TURSO_AUTH_TOKEN is not set'],
  ])('refuses without %s, in one line, before touching anything', async (_name, env, reason) => {
    const { code, output } = await release({ SITE_URL: '', TURSO_DATABASE_URL: '', TURSO_AUTH_TOKEN: '', ...env }, ['--dry-run']);
    expect(output.trim().split('\n')).toEqual([expect.stringContaining(`npm run release refused: ${reason}`)]);
    expect(code).toBe(1);
  });

  describe.each([
    ['release', () => release({ SITE_URL: 'https://walkaway.example', TURSO_DATABASE_URL: server.url, TURSO_AUTH_TOKEN: '' }, ['--dry-run'])],
    ['deploy', () => runNode(['scripts/deploy.ts', '--dry-run'], { cwd: copy.dir, env: { SITE_URL: 'https://walkaway.example' } })],
  ])('and npm run %s', (command, run) => {
    const partners = () => copy.path('content/partners');
    afterEach(() => rmSync(partners(), { recursive: true, force: true }));

    it('refuse a partner file that lets a page on this machine frame the form, naming the partner and the origin', async () => {
      mkdirSync(partners(), { recursive: true });
      writeFileSync(join(partners(), 'trying-it.yaml'), 'name: A group trying the form\nwebsite: https://group.example.org\norigins: [https://group.example.org, http://127.0.0.1:4599]\n');
      const { code, output } = await run();
      expect(output.trim().split('\n')).toEqual([
        `npm run ${command} refused: a partner file in content/partners lists an origin for trying the form locally (trying-it: http://127.0.0.1:4599): remove it before deploying.`,
      ]);
      expect(code).toBe(1);
    });

    it('refuse a partner file they cannot read, showing the control characters in its name rather than obeying them', async () => {
      mkdirSync(partners(), { recursive: true });
      writeFileSync(join(partners(), '\u001b[2J.yaml'), 'name: A group\n');
      const { code, output } = await run();
      expect(output).toContain(`npm run ${command} refused: content/partners/⟨U+001B⟩[2J.yaml: the file name`);
      expect(output).not.toContain('\u001b');
      expect(code).toBe(1);
    });
  });

  it('with --dry-run names the migration the database lacks, applies nothing, and checks the Worker', async () => {
    expect(await pendingMigrations({ url: server.url })).toEqual([latest]);
    const { code, output } = await release({ SITE_URL: 'https://walkaway.example', TURSO_DATABASE_URL: server.url, TURSO_AUTH_TOKEN: '' }, ['--dry-run']);
    expect(output).toContain(`Migrations to apply, in order: ${latest}`);
    expect(output).toContain('--dry-run: no migration applied.');
    expect(output).toContain('--dry-run: exiting now.');
    expect(code, output).toBe(0);
    expect(await pendingMigrations({ url: server.url })).toEqual([latest]);
  }, 0);

  it('stops before deploying when a migration fails, saying so in one line', async () => {
    const broken = await startDatabaseBeforeNewestMigration(join(dir, 'broken'));
    try {
      // A table the newest migration creates, already there, makes it fail, as a real mistake would.
      const sql = readFileSync(join(projectRoot, 'db/migrations', `${latest}.sql`), 'utf8');
      const table = /CREATE TABLE `(\w+)`/.exec(sql)?.[1];
      expect(table, 'the newest migration creates a table').toBeDefined();
      const client = createClient({ url: broken.url });
      await client.execute(`CREATE TABLE ${table} (id integer)`);
      client.close();
      const wrangler = copy.path('wrangler.jsonc');
      writeFileSync(wrangler, readFileSync(wrangler, 'utf8').replace('confirm@walkaway.example', 'confirm@campaign.org'));
      const { code, output } = await release({ SITE_URL: 'https://walkaway.example', TURSO_DATABASE_URL: broken.url, TURSO_AUTH_TOKEN: '' });
      expect(output).toContain('npm run release stopped: a migration failed');
      expect(output).toContain('nothing was deployed');
      expect(output).not.toContain('Building for');
      expect(code).toBe(1);
    } finally {
      await broken.close();
    }
  });
});
