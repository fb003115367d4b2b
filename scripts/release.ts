// `npm run release [-- --dry-run]`: applies the pending migrations to the production Turso database, then deploys the
// Worker (scripts/deploy.ts: the build with SITE_URL, then `wrangler deploy`). Migrations go first because each is
// written to be safe while the previous release still serves (README, "Writing a migration"); a failed migration stops
// the release before anything is deployed. `--dry-run` changes nothing: it lists the migrations it would apply, builds
// the Worker and has `wrangler deploy --dry-run` check it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { deploymentOf } from '../src/lib/deployment.ts';
import { mailSettingsProblem } from '../src/lib/settings.ts';
import { publicSiteUrlProblem } from '../src/lib/site-url.ts';
import { migrateDatabase, pendingMigrations } from './lib/migrate.ts';
import { partnersDeployProblem } from './lib/partner-files.ts';
import { readWranglerConfig } from './lib/wrangler-config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dryRun = process.argv.includes('--dry-run');
const refuse = (why: string): never => {
  console.error(`npm run release refused: ${why}`);
  process.exit(1);
};

const databaseUrl = process.env.TURSO_DATABASE_URL;
const authToken = process.env.TURSO_AUTH_TOKEN;
const siteProblem = publicSiteUrlProblem(process.env.SITE_URL);
if (siteProblem) refuse(siteProblem);
if (!databaseUrl) refuse('TURSO_DATABASE_URL is not set: the production database to migrate (libsql://…).');
// Only a database on this machine (a rehearsal) needs no token.
if (!authToken && deploymentOf(databaseUrl) === 'deployed') refuse('TURSO_AUTH_TOKEN is not set: a token for the production database.');

// What `npm run deploy` would refuse is refused here before any migration runs.
const partnersProblem = partnersDeployProblem();
if (partnersProblem) refuse(partnersProblem);
const mailProblem = mailSettingsProblem(readWranglerConfig().vars ?? {});
if (mailProblem && !dryRun) refuse(mailProblem);

const connection = { url: databaseUrl!, authToken };
let pending: string[];
try {
  pending = await pendingMigrations(connection);
} catch (error) {
  refuse(`the database at TURSO_DATABASE_URL could not be read (${(error as Error).message}).`);
}
console.log(pending!.length === 0 ? 'Migrations: none to apply.' : `Migrations to apply, in order: ${pending!.join(', ')}`);

if (dryRun) {
  console.log('--dry-run: no migration applied.');
} else if (pending!.length > 0) {
  try {
    await migrateDatabase(connection);
    console.log(`Applied ${pending!.length} migration${pending!.length === 1 ? '' : 's'}.`);
  } catch (error) {
    console.error(`npm run release stopped: a migration failed (${(error as Error).message}); nothing was deployed.`);
    process.exit(1);
  }
}

const deploy = spawnSync(process.execPath, [`${root}scripts/deploy.ts`, ...(dryRun ? ['--dry-run'] : [])], { cwd: root, stdio: 'inherit' });
process.exit(deploy.status ?? 1);
