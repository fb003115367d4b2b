// `npm run dev` / `npm run preview`: run Astro against the local libSQL server, unless a database is configured.
// Usage: node scripts/with-local-db.ts <dev|preview> [astro arguments...]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { configuredValue, devVars as readDevVars } from './lib/dev-vars.ts';
import { DEV_HMAC_SECRET, DEV_SUBMISSION_KEY, startLocalDatabase } from './lib/local-database.ts';

const [command = 'dev', ...astroArgs] = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
const devVars = readDevVars();
const configured = (name: string) => configuredValue(name, devVars);

// Values from .dev.vars travel in the environment too, whichever of the two the Cloudflare runtime reads.
const env: Record<string, string | undefined> = { ...devVars, ...process.env };
let server: Awaited<ReturnType<typeof startLocalDatabase>> | undefined;

if (!configured('TURSO_DATABASE_URL')) {
  server = await startLocalDatabase({ file: `${root}.data/walkaway.db`, port: Number(process.env.LOCAL_DB_PORT ?? 0) });
  console.log(`Local libSQL server: ${server.url} (.data/walkaway.db), migrated`);
  env.TURSO_DATABASE_URL = server.url;
  env.TURSO_AUTH_TOKEN = configured('TURSO_AUTH_TOKEN') ?? 'local';
}
env.PLEDGE_HMAC_SECRET = configured('PLEDGE_HMAC_SECRET') ?? DEV_HMAC_SECRET;
env.SUBMISSION_KEY = configured('SUBMISSION_KEY') ?? DEV_SUBMISSION_KEY;

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
