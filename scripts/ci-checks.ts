// `npm run ci:checks -- <base commit>`: what checks.yml runs on a pull request. It lists the files changed since the
// base and runs `npm run check:content` when all are under content/, `npm test` otherwise (scripts/lib/checks-for.ts).
import { spawnSync } from 'node:child_process';
import { checksFor } from './lib/checks-for.ts';

const base = process.argv[2];
if (!base) {
  console.error('npm run ci:checks refused: give the base commit, e.g. npm run ci:checks -- origin/main');
  process.exit(1);
}
const diff = spawnSync('git', ['diff', '--name-only', `${base}...HEAD`], { encoding: 'utf8' });
if (diff.status !== 0) {
  console.error(`npm run ci:checks refused: git could not compare with ${base}: ${diff.stderr.trim()}`);
  process.exit(1);
}
const script = checksFor(diff.stdout.split('\n').filter(Boolean));
console.log(script === 'check:content' ? 'Only content changed: running the content check.' : 'Code changed: running every test.');
const run = spawnSync('npm', ['run', script], { stdio: 'inherit' });
process.exit(run.status ?? 1);
