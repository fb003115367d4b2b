// The GitHub Actions workflows: valid against GitHub's workflow schema (action-validator, offline), every action
// pinned to a released commit, least privilege, and no logic in the YAML: each step calls an npm script that exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runNode } from '../support/astro-cli.ts';

const folder = join(projectRoot, '.github/workflows');
const workflows = readdirSync(folder).filter((file) => /\.ya?ml$/.test(file));
const read = (file: string) => readFileSync(join(folder, file), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

describe('the workflows', () => {
  it('are the three the release path needs', () => {
    expect(workflows.sort()).toEqual(['checks.yml', 'preview.yml', 'release.yml']);
  });

  it.each(workflows)('%s is valid against GitHub’s workflow schema', async (file) => {
    const { code, output } = await runNode([join(projectRoot, 'node_modules/@action-validator/cli/cli.mjs'), join(folder, file)]);
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it.each(workflows)('%s pins every action to a full commit SHA, with its version in a comment', (file) => {
    const uses = [...read(file).matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, comment] of uses) {
      expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });

  it.each(workflows)('%s asks for the least it needs, one run at a time, with Node from .nvmrc and the npm cache', (file) => {
    const text = read(file);
    expect(text).toMatch(/^permissions:\n {2}contents: read\n/m);
    expect(text).not.toMatch(/write-all|contents: write/);
    expect(text).toMatch(/^concurrency:\n {2}group: /m);
    expect(text).toContain('node-version-file: .nvmrc');
    expect(text).toContain('cache: npm');
    expect(text).toContain('persist-credentials: false');
  });

  it.each(workflows)('%s keeps its logic in npm scripts: each step runs `npm ci` or an npm script that exists', (file) => {
    const runs = [...read(file).matchAll(/^\s*-?\s*run:\s*(.+)$/gm)].map(([, command]) => command!.trim());
    expect(runs.length).toBeGreaterThan(0);
    for (const command of runs) {
      if (command.startsWith('npm ci')) continue;
      const script = /^npm run ([\w:-]+)/.exec(command)?.[1];
      expect(scripts, command).toContain(script);
    }
  });

  it('print no secret: secrets reach steps only through env', () => {
    for (const file of workflows) {
      for (const line of read(file).split('\n').filter((each) => each.includes('secrets.'))) {
        expect(line).toMatch(/^\s+[A-Z_]+: \$\{\{ secrets\.[A-Z_]+ \}\}$/);
      }
    }
  });
});
