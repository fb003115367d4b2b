// `npm run bench`: throughput of the built worker in workerd (`astro preview`) against the local libSQL server: a
// static file, the tally (answered by the worker entry), pledges, the tally during a burst of pledges (with the
// database reads it caused), pledges while the database is down (queued), and how fast the queue drains after, all
// with PLEDGE_CONFIRMATION=none; then, confirming by email: pledges accepted as pending, confirmations, and the
// confirmation emails queued against those sent per minute at EMAIL_RATE_PER_MINUTE (Wrangler's simulated EMAIL).
// A benchmark, not a test: it reports speed and checks correctness (tally = rows counted), never asserts speed.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client/web';
import autocannon from 'autocannon';
import { startLocalDatabase } from '../scripts/lib/local-database.ts';
import { newEditorKey } from '../src/lib/story/seal-story.ts';
import { startPreview } from '../scripts/lib/preview-server.ts';
import { isTallyRead } from '../scripts/lib/tally-reads.ts';
import { SETTING_DEFAULTS } from '../src/config.ts';
import { createPledgeToken } from '../src/lib/pledge/pledge-token.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Pledging connections during the tally burst; the others read the tally. */
const BURST_CONNECTIONS = 10;

interface Measurement {
  name: string;
  path: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** The first answer that was not 2xx, to say why. */
  firstRefusal?: string;
}

async function measure(name: string, options: autocannon.Options): Promise<Measurement> {
  let firstRefusal: string | undefined;
  const requests = (options.requests ?? [{}]).map((request) => ({
    ...request,
    onResponse: (status: number, body: string) => void (status >= 300 && (firstRefusal ??= `${status} ${body.slice(0, 200)}`)),
  }));
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options, requests });
  return {
    name,
    path: new URL(options.url as string).pathname,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    ...(firstRefusal ? { firstRefusal } : {}),
  };
}

const build = await import('node:child_process').then(({ spawnSync }) =>
  spawnSync(process.execPath, [`${root}node_modules/astro/bin/astro.mjs`, 'build'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  }),
);
if (build.status !== 0) throw new Error('astro build failed: run `npm run build` to see why');

const dataDir = mkdtempSync(join(tmpdir(), 'walkaway-bench-'));
const file = join(dataDir, 'bench.db');
let tallyReads = 0;
const countTallyReads = { onRequest: (request: Parameters<typeof isTallyRead>[0]) => void (tallyReads += isTallyRead(request) ? 1 : 0) };
let database = await startLocalDatabase({ file, ...countTallyReads });
const HMAC_SECRET = 'bench-secret';
const previewEnv = async (confirmation: 'none' | 'email') => ({
  ...process.env,
  TURSO_DATABASE_URL: database.url,
  TURSO_AUTH_TOKEN: 'local',
  PLEDGE_HMAC_SECRET: HMAC_SECRET,
  STORY_RECIPIENTS: (await newEditorKey()).recipient,
  PLEDGE_CONFIRMATION: confirmation,
});
let preview = await startPreview(await previewEnv('none'));

try {
  // Warm both paths so that the first measurement does not pay for workerd's start-up.
  await fetch(`${preview.url}/api/tally`);
  await fetch(`${preview.url}/favicon.svg`);

  const staticFile = await measure('static file', { url: `${preview.url}/favicon.svg` });
  const tally = await measure('GET /api/tally', { url: `${preview.url}/api/tally` });

  let sequence = 0;
  // Each pledge from its own address (CF-Connecting-IP, as Cloudflare sets it), so the rate limit sees thousands of
  // visitors rather than one very busy one.
  const pledgeRequests: autocannon.Options['requests'] = [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => {
        const n = sequence++;
        return {
          ...request,
          headers: { ...request.headers, 'cf-connecting-ip': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
          body: JSON.stringify({ email: `walker${n}@bench.example`, idempotencyKey: randomUUID() }),
        };
      },
    },
  ];
  const pledges = await measure('POST /api/pledge (distinct emails)', { url: `${preview.url}/api/pledge`, requests: pledgeRequests });

  // The tally while pledges stream in: each pledge writes its fresh count into the copies, so tally requests should
  // cost the database (almost) nothing.
  const readsBefore = tallyReads;
  const [tallyDuringBurst, burstPledges] = await Promise.all([
    measure('GET /api/tally during a pledge burst', { url: `${preview.url}/api/tally`, connections: Math.max(1, CONNECTIONS - BURST_CONNECTIONS) }),
    measure('POST /api/pledge (the burst)', { url: `${preview.url}/api/pledge`, requests: pledgeRequests, connections: BURST_CONNECTIONS }),
  ]);
  const readsPer1000 = Number((((tallyReads - readsBefore) * 1000) / Math.max(1, tallyDuringBurst.ok)).toFixed(3));

  // The database goes down: pledges are queued and still answered.
  const sqlBefore = createClient({ url: database.url });
  const rowsBeforeOutage = Number((await sqlBefore.execute('SELECT count(*) FROM pledges')).rows[0]?.[0]);
  sqlBefore.close();
  const port = database.port;
  await database.close();
  const queued = await measure('POST /api/pledge (database down, queued)', { url: `${preview.url}/api/pledge`, requests: pledgeRequests });
  database = await startLocalDatabase({ file, port, ...countTallyReads });

  // The consumer retries with a back-off, so the drain rate is timed from the first queued row written to the last.
  const drainClient = createClient({ url: database.url });
  const rowsNow = async () => Number((await drainClient.execute('SELECT count(*) FROM pledges')).rows[0]?.[0]);
  const waitingFor = rowsBeforeOutage + queued.ok;
  let firstWrite: number | undefined;
  let lastWrite = Date.now();
  for (let rows = await rowsNow(), deadline = Date.now() + 10 * 60_000; rows < waitingFor && Date.now() < deadline; rows = await rowsNow()) {
    if (rows > rowsBeforeOutage) firstWrite ??= Date.now();
    lastWrite = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const drained = (await rowsNow()) - rowsBeforeOutage;
  drainClient.close();
  const drainRowsPerSecond = Math.round(drained / Math.max(0.05, (lastWrite - (firstWrite ?? lastWrite)) / 1000));

  const sql = createClient({ url: database.url });
  const count = async (query: string) => Number((await sql.execute(query)).rows[0]?.[0]);
  const rows = await count('SELECT count(*) FROM pledges');
  const tallyTotal = await count('SELECT total FROM tally WHERE id = 1');

  // Confirmation by email, on the same database: one preview per project at a time.
  await preview.stop();
  preview = await startPreview(await previewEnv('email'));
  await fetch(`${preview.url}/api/tally`);
  const lastIdBefore = await count('SELECT max(id) FROM pledges');
  const pending = await measure('POST /api/pledge (pending, email queued)', { url: `${preview.url}/api/pledge`, requests: pledgeRequests });
  const pendingIds = (await sql.execute({ sql: "SELECT id FROM pledges WHERE id > ? AND status = 'pending' ORDER BY id", args: [lastIdBefore] })).rows.map((row) => Number(row[0]));
  // Each person presses the button of their own link once: a token per request, signed as the emails' are.
  const tokens = await Promise.all(pendingIds.map((pledgeId) => createPledgeToken(HMAC_SECRET, 'confirm', { pledgeId, issuedAt: Date.now() })));
  let nextToken = 0;
  const confirmations = await measure('POST /pledge/confirm (distinct links)', {
    url: `${preview.url}/pledge/confirm`,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, path: `/pledge/confirm?token=${tokens[nextToken++ % tokens.length]}` }) }],
  });
  const confirmedCount = await count(`SELECT count(*) FROM pledges WHERE status = 'confirmed' AND id > ${lastIdBefore}`);
  // The emails the burst asked for go out at EMAIL_RATE_PER_MINUTE: watch two whole minutes of sending.
  const minute = () => Math.floor(Date.now() / 60_000);
  const watchFrom = minute() + 1;
  while (minute() < watchFrom + 2) await new Promise((resolve) => setTimeout(resolve, 1_000));
  const sentPerMinute = (await sql.execute({ sql: 'SELECT sent FROM email_sends WHERE minute IN (?, ?) ORDER BY minute', args: [watchFrom, watchFrom + 1] })).rows.map((row) =>
    Number(row[0]),
  );
  const mailed = await count(`SELECT count(*) FROM pledges WHERE mailed_at IS NOT NULL AND id > ${lastIdBefore}`);
  const confirmedTally = await count('SELECT total FROM tally WHERE id = 1');
  const confirmedRows = await count("SELECT count(*) FROM pledges WHERE status = 'confirmed'");
  sql.close();
  // autocannon stops on time with up to one request per connection in flight: written, but its answer never read. So
  // the rows written after the outage may also hold the burst's last pledges, still on their way when it was counted.
  const answered = pledges.ok + burstPledges.ok + queued.ok;
  const inFlight = CONNECTIONS + BURST_CONNECTIONS;
  const consistent = rows === tallyTotal && rows >= answered && drained >= queued.ok && drained <= queued.ok + inFlight;

  const results = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    settings: { durationSeconds: DURATION_S, connections: CONNECTIONS },
    measurements: [staticFile, tally, pledges, tallyDuringBurst, burstPledges, queued, pending, confirmations],
    tallyToStaticRatio: Number((tally.requestsPerSecond / staticFile.requestsPerSecond).toFixed(2)),
    tallyDatabaseReadsPer1000Requests: readsPer1000,
    queuedPledgesPerSecond: queued.requestsPerSecond,
    drainRowsPerSecond,
    check: { rowsInPledges: rows, tallyTotal, queuedAnswered: queued.ok, queuedWritten: drained, consistent },
    confirmation: {
      pendingPledgesPerSecond: pending.requestsPerSecond,
      confirmationsPerSecond: confirmations.requestsPerSecond,
      emailRatePerMinute: SETTING_DEFAULTS.EMAIL_RATE_PER_MINUTE,
      emailsQueued: pending.ok,
      emailsSentPerMinute: sentPerMinute,
      emailsSentSoFar: mailed,
      confirmed: confirmedCount,
      tallyEqualsConfirmedRows: confirmedTally === confirmedRows,
    },
  };

  console.table(
    results.measurements.map(({ name, requestsPerSecond, latencyP50Ms, latencyP99Ms, ok, non2xx, errors }) => ({
      name,
      'req/s': requestsPerSecond,
      'p50 ms': latencyP50Ms,
      'p99 ms': latencyP99Ms,
      '2xx': ok,
      'non-2xx': non2xx,
      errors,
    })),
  );
  for (const { name, firstRefusal } of results.measurements) if (firstRefusal) console.log(`${name}: first refusal ${firstRefusal}`);
  console.log(`tally / static file: ${results.tallyToStaticRatio}`);
  console.log(`database reads per 1,000 tally requests during the pledge burst: ${readsPer1000}`);
  console.log(`queue: ${queued.ok} pledges accepted while the database was down, ${drained} written after, ${drainRowsPerSecond} rows/s`);
  console.log(`rows in pledges: ${rows}, tally: ${tallyTotal} → ${consistent ? 'consistent' : 'MISMATCH'}`);
  const { confirmation } = results;
  console.log(
    `confirming by email: ${confirmation.pendingPledgesPerSecond} pending pledges/s, ${confirmation.confirmationsPerSecond} confirmations/s; ` +
      `${confirmation.emailsQueued} emails queued, sent per minute ${confirmation.emailsSentPerMinute.join(', ')} at EMAIL_RATE_PER_MINUTE ${confirmation.emailRatePerMinute} ` +
      `(${confirmation.emailsSentSoFar} sent so far); tally = confirmed rows: ${confirmation.tallyEqualsConfirmedRows}`,
  );

  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('Written to bench/results.json');
  if (!consistent || !confirmation.tallyEqualsConfirmedRows) process.exitCode = 1;
} finally {
  await preview.stop();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
