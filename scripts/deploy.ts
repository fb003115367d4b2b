// `npm run deploy`: builds with the site's public address, then `wrangler deploy`. Arguments after `--` go to
// wrangler (for example `npm run deploy -- --dry-run`). Without SITE_URL it refuses: canonical URLs, the feeds, the
// sitemap and share images would all point at localhost.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mailSettingsProblem } from '../src/lib/settings.ts';
import { publicSiteUrlProblem } from '../src/lib/site-url.ts';
import { partnersDeployProblem } from './lib/partner-files.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

// A preview build shows drafts: it is deployed only as the preview Worker (npm run preview:deploy), never as the site.
if (process.env.WALKAWAY_PREVIEW_BUILD || process.env.CLOUDFLARE_ENV === 'preview') {
  console.error('npm run deploy refused: WALKAWAY_PREVIEW_BUILD or CLOUDFLARE_ENV=preview is set; a build with drafts never goes live.');
  process.exit(1);
}

const problem = publicSiteUrlProblem(process.env.SITE_URL);
if (problem) {
  console.error(`npm run deploy refused: ${problem}`);
  process.exit(1);
}

// An origin for trying the embeddable form on this machine must not reach production.
const partnersProblem = partnersDeployProblem();
if (partnersProblem) {
  console.error(`npm run deploy refused: ${partnersProblem}`);
  process.exit(1);
}

function run(program: string, args: string[]): void {
  const { status } = spawnSync(process.execPath, [`${root}node_modules/${program}`, ...args], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

console.log(`Building for ${process.env.SITE_URL}`);
run('astro/bin/astro.mjs', ['build']);
// The built Worker's configuration, as wrangler.jsonc resolved: its senders and settings are what would be deployed.
const built = JSON.parse(readFileSync(`${root}dist/server/wrangler.json`, 'utf8')) as { vars?: Record<string, string> };
const mailProblem = mailSettingsProblem(built.vars ?? {});
// A dry run checks all it can and says what a deploy would refuse; a deploy refuses.
if (mailProblem && process.argv.includes('--dry-run')) console.warn(`npm run deploy would refuse: ${mailProblem}`);
else if (mailProblem) {
  console.error(`npm run deploy refused: ${mailProblem}`);
  process.exit(1);
}
run('wrangler/bin/wrangler.js', ['deploy', ...process.argv.slice(2)]);
