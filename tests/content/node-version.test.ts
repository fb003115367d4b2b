// A newcomer on a Node too old for the project's .ts scripts is told, in one line, what to install and where the
// README says how; never a stack trace.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/check-node.mjs';
import { projectRoot } from '../support/astro-cli.ts';

const packageJson = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const CHECK = 'node scripts/check-node.mjs';

describe('the Node version check', () => {
  it.each(['20.20.2', 'v22.17.1', '18.0.0'])('refuses Node %s in one line naming 22.18 and the README section', (version) => {
    const problem = nodeVersionProblem(version);
    expect(problem).toMatch(/Node\.js 22\.18 or newer/);
    expect(problem).toContain('"Prerequisites" in README.md');
    expect(problem).not.toContain('\n');
    expect(readFileSync(join(projectRoot, 'README.md'), 'utf8')).toMatch(/^## Prerequisites$/m);
  });

  it.each(['22.18.0', '22.19.3', '24.21.0', 'v25.0.0'])('lets Node %s through', (version) => {
    expect(nodeVersionProblem(version)).toBeUndefined();
  });

  it('runs before npm install and before every npm script', () => {
    const { scripts } = packageJson;
    expect(scripts.preinstall).toBe(CHECK);
    const unchecked = Object.keys(scripts).filter((name) => !name.startsWith('pre') && name !== 'astro' && scripts[`pre${name}`] !== CHECK);
    expect(unchecked).toEqual([]);
  });
});

// Machines here carry Node 20 as the system Node: there, `npm run dev` is run as a newcomer would run it.
const oldNode = (() => {
  try {
    const version = execFileSync('/usr/bin/node', ['--version'], { encoding: 'utf8' }).trim();
    return nodeVersionProblem(version) ? version : undefined;
  } catch {
    return undefined;
  }
})();

describe.runIf(oldNode)(`npm run dev on the machine's own Node (${oldNode})`, () => {
  it('stops with one line and no stack trace', () => {
    const { status, stdout, stderr } = spawnSync('npm', ['run', 'dev'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' },
    });
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(nodeVersionProblem(oldNode!));
    expect(`${stdout}${stderr}`).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|\n\s+at /);
  });
});
