// What is generated from wrangler.jsonc: the typed bindings the code is checked against.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runNode } from '../support/astro-cli.ts';
import { wranglerConfig } from '../support/wrangler-config.ts';

const wrangler = join(projectRoot, 'node_modules/wrangler/bin/wrangler.js');

describe('the Worker configuration', () => {
  it('matches the committed types (worker-configuration.d.ts): run `npm run cf-typegen` after changing it', async () => {
    const { code, output } = await runNode([wrangler, 'types', '--strict-vars=false', '--check'], { env: { WRANGLER_SEND_METRICS: 'false' } });
    expect(output).toContain('up to date');
    expect(code).toBe(0);
  });
});

describe('what the Worker is given and what it records', () => {
  const config = wranglerConfig() as ReturnType<typeof wranglerConfig> & {
    secrets: { required: string[] };
    observability: { logs: { invocation_logs: boolean } };
  };

  it('holds the editors’ public keys only: no key that could open a stored story', () => {
    expect(config.secrets.required).toContain('STORY_RECIPIENTS');
    const names = [...config.secrets.required, ...Object.keys(config.vars)];
    expect(names.filter((name) => /SUBMISSION_KEY|IDENTITY|PRIVATE/.test(name))).toEqual([]);
  });

  it('keeps no invocation logs, which would tie each request’s address to a moment', () => {
    expect(config.observability.logs.invocation_logs).toBe(false);
  });

  it('never commits the editors’ inbox of reader drafts', () => {
    const ignored = readFileSync(join(projectRoot, '.gitignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(ignored).toContain('inbox/');
  });
});
