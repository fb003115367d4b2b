// `npm run check:content`: what an editor's change needs, in well under a minute: each entry's placeholders and local
// images (scripts/lib/content-problems.ts), then the schemas and the links between entries (`astro sync`, which stops
// at the first entry it refuses), then the published stories' hero images' width, then a production build. One line per problem, naming the file and
// the field; exit 1 when there is any. It checks WALKAWAY_CONTENT_DIR when set (tests), content/ otherwise.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentPath } from '../src/lib/content/content-root.ts';
import { type ContentProblem, describeProblem, entryProblems, formatAstroError, heroSizeProblems } from './lib/content-problems.ts';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const started = Date.now();
const fail = (lines: readonly string[]): never => {
  for (const line of lines) console.error(line);
  console.error(`npm run check:content: ${lines.length} problem${lines.length === 1 ? '' : 's'} to fix (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  process.exit(1);
};

const entries = (['stories', 'news', 'series'] as const).flatMap((kind) => {
  const folder = contentPath(root, kind);
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => /\.mdx?$/.test(file));
  return files.map((file) => ({ kind, file: join(folder, file), source: readFileSync(join(folder, file), 'utf8') }));
});
const report = (problems: readonly ContentProblem[]) => {
  if (problems.length > 0) fail(problems.map((problem) => describeProblem({ ...problem, file: relative(root, problem.file) })));
};
report(entries.flatMap(({ kind, file, source }) => entryProblems(file, source, kind)));

const astro = (command: string) => {
  const result = spawnSync(process.execPath, [`${root}/node_modules/astro/bin/astro.mjs`, command], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0 || /\[\w+Error\]/.test(output)) {
    fail(formatAstroError(output, root) ?? [`astro ${command} failed:`, ...output.trim().split('\n').slice(-15)]);
  }
};
astro('sync');
report((await Promise.all(entries.filter(({ kind }) => kind === 'stories').map(({ file, source }) => heroSizeProblems(file, source)))).flat());
astro('build');
console.log(`npm run check:content: the content is ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
