import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot, runAstro } from '../support/astro-cli';

const copied = ['astro.config.mjs', 'wrangler.jsonc', 'tsconfig.json', 'package.json', 'src', 'content', 'public'];
let workdir = '';

/** A throwaway copy of the site in which one story file is broken by `edit`. */
function siteWithBrokenStory(file: string, edit: (source: string) => string) {
  workdir = mkdtempSync(join(tmpdir(), 'walkaway-frontmatter-'));
  for (const entry of copied) cpSync(join(projectRoot, entry), join(workdir, entry), { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules'), join(workdir, 'node_modules'));
  const path = join(workdir, 'content/stories', file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return workdir;
}

afterEach(() => rmSync(workdir, { recursive: true, force: true }));

describe('a frontmatter mistake', () => {
  it('fails the build, naming the file and the field', async () => {
    const cwd = siteWithBrokenStory('why-walk-away.mdx', (source) => source.replace(/^ {2}alt: .*\n/m, ''));
    const { code, output } = await runAstro(['build'], cwd);
    expect(code).not.toBe(0);
    expect(output).toContain('content/stories/why-walk-away.mdx');
    expect(output).toMatch(/hero\.alt/);
  });

  it('fails astro check too', async () => {
    const cwd = siteWithBrokenStory('break-the-silence.mdx', (source) =>
      source.replace(/^summary: .*$/m, `summary: ${'x'.repeat(201)}`),
    );
    const { code, output } = await runAstro(['check'], cwd);
    expect(code).not.toBe(0);
    expect(output).toContain('content/stories/break-the-silence.mdx');
    expect(output).toContain('summary must be at most 200 characters');
  });
});
