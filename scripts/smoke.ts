// `npm run smoke -- https://your.domain`: after a release, checks the live site (scripts/lib/smoke-check.ts) and says
// in one line each what failed; exit 1 when anything did.
import { smokeCheck } from './lib/smoke-check.ts';

const site = process.argv[2] ?? process.env.SITE_URL;
if (!site) {
  console.error('npm run smoke refused: give the live address, e.g. npm run smoke -- https://your.domain');
  process.exit(1);
}
const results = await smokeCheck(site);
for (const { what, problem } of results) console.log(problem ? `FAILED ${what}: ${problem}` : `ok ${what}`);
const failed = results.filter(({ problem }) => problem);
if (failed.length > 0) {
  console.error(`The release is live but ${failed.length} smoke check${failed.length === 1 ? '' : 's'} failed at ${site}: look at the lines above, then at the Worker's logs.`);
  process.exit(1);
}
