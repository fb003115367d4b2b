// `npm run dev` / `npm run preview`: run Astro against the local libSQL server, unless a database is configured.
// Usage: node scripts/with-local-db.ts <dev|preview> [astro arguments...]
//
// Against the local database, what is not configured gets a development value: the published PLEDGE_HMAC_SECRET and
// the development editor's key made under .data/. Against any other database nothing is made up: without the
// deployment's own keys the command refuses, in one line, rather than key real pledges with published values.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_HMAC_SECRET } from '../src/config.ts';
import { deploymentOf } from '../src/lib/deployment.ts';
import { applySettingsToBuiltDevVars, configuredValue, devVars as readDevVars, settingOverrides } from './lib/dev-vars.ts';
import { localEditorIdentity } from './lib/editor-identity.ts';
import { serveLocalDatabase } from './lib/local-database-address.ts';

const [command = 'dev', ...astroArgs] = process.argv.slice(2);
/** What a local run works out for itself (the local database, the development keys) or takes from .dev.vars. */
const LOCAL_RUN_SECRETS = ['TURSO_DATABASE_URL', 'TURSO_AUTH_TOKEN', 'PLEDGE_HMAC_SECRET', 'STORY_RECIPIENTS'];
const root = fileURLToPath(new URL('..', import.meta.url));
const devVars = readDevVars();
const configured = (name: string) => configuredValue(name, devVars);

// Values from .dev.vars travel in the environment too, whichever of the two the Cloudflare runtime reads.
const env: Record<string, string | undefined> = { ...devVars, ...process.env };
let server: Awaited<ReturnType<typeof serveLocalDatabase>> | undefined;

const databaseUrl = configured('TURSO_DATABASE_URL');
if (databaseUrl && deploymentOf(databaseUrl) === 'deployed') {
  const missing = ['PLEDGE_HMAC_SECRET', 'STORY_RECIPIENTS'].filter((name) => !configured(name));
  const published = configured('PLEDGE_HMAC_SECRET') === DEVELOPMENT_HMAC_SECRET ? ['PLEDGE_HMAC_SECRET is the published development value'] : [];
  const problems = [...missing.map((name) => `${name} is not set`), ...published];
  if (problems.length > 0) {
    console.error(
      `npm run ${command} refused: TURSO_DATABASE_URL is not the local database, and ${problems.join(' and ')}; development keys are only for the local database (set the deployment's own in .dev.vars or the environment).`,
    );
    process.exit(1);
  }
} else {
  if (!databaseUrl) {
    server = await serveLocalDatabase(`${root}.data`, Number(process.env.LOCAL_DB_PORT ?? 0));
    console.log(`Local libSQL server: ${server.url} (.data/walkaway.db), migrated`);
    env.TURSO_DATABASE_URL = server.url;
    env.TURSO_AUTH_TOKEN = configured('TURSO_AUTH_TOKEN') ?? 'local';
  }
  env.PLEDGE_HMAC_SECRET = configured('PLEDGE_HMAC_SECRET') ?? DEVELOPMENT_HMAC_SECRET;
  env.STORY_RECIPIENTS = configured('STORY_RECIPIENTS') ?? (await localEditorIdentity()).recipient;
}

// Settings from the environment (PLEDGE_CONFIRMATION=none npm run preview) win over wrangler.jsonc and .dev.vars: in dev
// through the Worker configuration (astro.config.mjs reads WALKAWAY_SETTING_OVERRIDES), in preview through the built
// Worker's .dev.vars, which Wrangler reads instead of the environment.
// The preview's .dev.vars also gets the database and keys worked out above: once that file exists, Wrangler no longer
// reads them from the environment.
const overrides = settingOverrides();
env.WALKAWAY_SETTING_OVERRIDES = JSON.stringify(overrides);
if (command === 'preview') {
  const worked = Object.fromEntries(LOCAL_RUN_SECRETS.flatMap((name) => (env[name] ? [[name, env[name]!]] : [])));
  applySettingsToBuiltDevVars(`${root}dist/server/.dev.vars`, { ...worked, ...overrides });
}

const astro = spawn(process.execPath, [`${root}node_modules/astro/bin/astro.mjs`, command, ...astroArgs], {
  cwd: root,
  env,
  stdio: 'inherit',
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => astro.kill(signal));

astro.on('exit', async (code, signal) => {
  await server?.close();
  process.exit(code ?? (signal ? 1 : 0));
});
