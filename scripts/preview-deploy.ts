// `npm run preview:deploy -- <pull request number>`: what preview.yml runs. Builds the site with its drafts visible
// and never indexed (WALKAWAY_PREVIEW_BUILD=1) as the preview Worker (CLOUDFLARE_ENV=preview: wrangler.jsonc
// env.preview, another Worker with no secrets and no database), uploads it as a version with the alias pr-<number>,
// and puts its address in one comment on the pull request, updated on each push (GitHub CLI, GH_TOKEN).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { previewComment, previewCommentId, previewUrlIn } from './lib/preview-comment.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const pullRequest = process.argv[2];
const refuse = (why: string): never => {
  console.error(`npm run preview:deploy refused: ${why}`);
  process.exit(1);
};
if (!pullRequest || !/^\d+$/.test(pullRequest)) refuse('give the pull request number, e.g. npm run preview:deploy -- 42');
if (!process.env.CLOUDFLARE_API_TOKEN) refuse('CLOUDFLARE_API_TOKEN is not set (README, "Previews").');

const env = { ...process.env, WALKAWAY_PREVIEW_BUILD: '1', CLOUDFLARE_ENV: 'preview', ASTRO_TELEMETRY_DISABLED: '1' };
const run = (program: string, args: string[]) => {
  const result = spawnSync(process.execPath, [`${root}node_modules/${program}`, ...args], { cwd: root, env, encoding: 'utf8' });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) process.exit(result.status ?? 1);
  return `${result.stdout}\n${result.stderr}`;
};

run('astro/bin/astro.mjs', ['build']);
const uploaded = run('wrangler/bin/wrangler.js', ['versions', 'upload', '--preview-alias', `pr-${pullRequest}`]);
const url = previewUrlIn(uploaded) ?? refuse('wrangler printed no preview address (are preview URLs on for walkaway-preview?)');

const repository = process.env.GITHUB_REPOSITORY;
if (!repository || !process.env.GH_TOKEN) {
  console.log(`Preview: ${url} (not commented: GITHUB_REPOSITORY and GH_TOKEN are set only in GitHub Actions)`);
  process.exit(0);
}
const gh = (args: string[], input?: string) => {
  const result = spawnSync('gh', args, { encoding: 'utf8', input });
  if (result.status !== 0) refuse(`gh ${args[1]} failed: ${result.stderr.trim()}`);
  return result.stdout;
};
const comments = JSON.parse(gh(['api', `repos/${repository}/issues/${pullRequest}/comments`, '--paginate'])) as Array<{ id: number; body: string }>;
const existing = previewCommentId(comments);
const body = JSON.stringify({ body: previewComment(url, process.env.GITHUB_SHA ?? 'this push') });
if (existing) gh(['api', '--method', 'PATCH', `repos/${repository}/issues/comments/${existing}`, '--input', '-'], body);
else gh(['api', '--method', 'POST', `repos/${repository}/issues/${pullRequest}/comments`, '--input', '-'], body);
console.log(`Preview: ${url}`);
