// What is generated from wrangler.jsonc: the typed bindings the code is checked against.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runNode } from '../support/astro-cli.ts';

const wrangler = join(projectRoot, 'node_modules/wrangler/bin/wrangler.js');

describe('the Worker configuration', () => {
  it('matches the committed types (worker-configuration.d.ts): run `npm run cf-typegen` after changing it', async () => {
    const { code, output } = await runNode([wrangler, 'types', '--strict-vars=false', '--check'], { env: { WRANGLER_SEND_METRICS: 'false' } });
    expect(output).toContain('up to date');
    expect(code).toBe(0);
  });
});
