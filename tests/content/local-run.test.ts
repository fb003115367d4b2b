// `npm run dev` and `npm run preview` (scripts/with-local-db.ts) in a copy of the project without .dev.vars: they make
// up development keys for the local database only, and refuse a remote one without the deployment's own keys.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_HMAC_SECRET } from '../../src/config.ts';
import { newEditorKey } from '../../src/lib/story/seal-story.ts';
import { runNode } from '../support/astro-cli.ts';
import { copySite, type SiteCopy } from '../support/site-copy.ts';

const REMOTE = 'libsql://walkaway-campaign.turso.io';
let copy: SiteCopy;
let recipient: string;

beforeAll(async () => {
  copy = copySite();
  recipient = (await newEditorKey()).recipient;
});
afterAll(() => copy.remove());

/** What `npm run <command>` runs, in the copy, with only the given settings. */
const run = (command: 'dev' | 'preview', env: Record<string, string>) =>
  runNode(['scripts/with-local-db.ts', command], {
    cwd: copy.dir,
    env: { TURSO_DATABASE_URL: '', TURSO_AUTH_TOKEN: '', PLEDGE_HMAC_SECRET: '', STORY_RECIPIENTS: '', ...env },
  });

describe.each(['dev', 'preview'] as const)('npm run %s with a remote TURSO_DATABASE_URL', (command) => {
  it('refuses without the deployment\'s keys, in one line naming each, and starts nothing', async () => {
    const { code, output } = await run(command, { TURSO_DATABASE_URL: REMOTE, TURSO_AUTH_TOKEN: 'token' });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain(`npm run ${command} refused`);
    expect(output).toContain('PLEDGE_HMAC_SECRET is not set');
    expect(output).toContain('STORY_RECIPIENTS is not set');
    expect(existsSync(copy.path('.data'))).toBe(false);
  });

  it('refuses the published development PLEDGE_HMAC_SECRET', async () => {
    const { code, output } = await run(command, { TURSO_DATABASE_URL: REMOTE, PLEDGE_HMAC_SECRET: DEVELOPMENT_HMAC_SECRET, STORY_RECIPIENTS: recipient });
    expect(code).toBe(1);
    expect(output).toContain('PLEDGE_HMAC_SECRET is the published development value');
  });
});
