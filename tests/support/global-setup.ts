// One build of the fixture content for every site scenario (tests/built-site.test.ts), in a throwaway copy of the
// project so that `npm test` never replaces the developer's own dist/, served with `astro preview` (the worker in
// workerd) against a local libSQL server that tests can stop, slow down and start again through a small control
// endpoint, to see how the site behaves without it. The control endpoint also reports how often the worker read the
// tally from the database. The editors' own content is built by tests/content, which asserts only general rules.
//
// The build runs in the background: the other layers' tests run meanwhile, and the site scenarios wait for
// `GET /ready` on the control endpoint, which answers once the preview is up (or says why it could not start).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalDatabase } from '../../scripts/lib/local-database.ts';
import { freePort, reservePort } from '../../scripts/lib/net.ts';
import { isTallyRead } from '../../scripts/lib/tally-reads.ts';
import { type RunningPreview, startPreview } from '../../scripts/lib/preview-server.ts';
import type { RunningServer } from '../../scripts/libsql-server/server.ts';
import { newEditorKey } from '../../src/lib/story/seal-story.ts';
import { FIXTURE_CONTENT, runAstro, withoutVitestVariables } from './astro-cli.ts';
import { LOCAL_PARTNER, startPartnerSite } from './partner-site.ts';
import { copySite } from './site-copy.ts';

/** The preview's PLEDGE_HMAC_SECRET, so that tests can sign unsubscribe links as campaign emails will. */
export const PREVIEW_HMAC_SECRET = 'test-secret-for-preview';

declare module 'vitest' {
  export interface ProvidedContext {
    previewUrl: string;
    /** The fixture build's output folder (with client/ and server/), complete once the preview is ready. */
    builtSiteDir: string;
    databaseUrl: string;
    databaseControlUrl: string;
    /** The identity of the editor the preview seals stories to (its STORY_RECIPIENTS), to open them as an editor does. */
    previewEditorIdentity: string;
    /**
     * A second preview of the same build and database with confirmation by email (PLEDGE_CONFIRMATION's default); the
     * first runs with PLEDGE_CONFIRMATION=none, so that scenarios about counting need no inbox.
     */
    verifiedPreviewUrl: string;
    /** That preview's log, where Wrangler's simulation of the EMAIL binding names the file of each email "sent". */
    verifiedPreviewLog: string;
    /** A partner's website on another origin (tests/support/partner-site.ts), listed in the build's partner LOCAL_PARTNER. */
    partnerSiteUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const copy = copySite();
  // The partner's site runs from the start: its origin goes into the partner file the build reads.
  const partnerSite = await startPartnerSite();
  writeFileSync(
    copy.path(FIXTURE_CONTENT, 'partners', `${LOCAL_PARTNER}.yaml`),
    `name: A local fixture partner\nwebsite: https://local-partner.example.org\norigins: [${partnerSite.origin}]\nlisted: true\n`,
  );
  // Each preview in a project folder of its own: workerd keeps its local state (queues, emails) there.
  const verifiedCopy = copySite();
  const editor = await newEditorKey();
  const dataDir = mkdtempSync(join(tmpdir(), 'walkaway-preview-db-'));
  const file = join(dataDir, 'walkaway.db');
  const databasePort = await freePort();
  let tallyReads = 0;
  const start = () =>
    startLocalDatabase({ file, port: databasePort, onRequest: (request) => void (tallyReads += isTallyRead(request) ? 1 : 0) });
  let database: RunningServer | undefined = await start();
  const databaseUrl = database.url;
  // Held until the preview starts, so that no server another test starts meanwhile takes it.
  const { port: previewPort, release: releasePreviewPort } = await reservePort();
  // The worker's own log, to read when a test sees an unexpected answer.
  const previewLog = join(tmpdir(), 'walkaway-preview.log');
  const verifiedPreviewLog = join(tmpdir(), 'walkaway-verified-preview.log');
  const { port: verifiedPreviewPort, release: releaseVerifiedPreviewPort } = await reservePort();

  let preview: RunningPreview | undefined;
  let verifiedPreview: RunningPreview | undefined;
  const ready = (async () => {
    const { code, output } = await runAstro(['build'], { cwd: copy.dir, env: { WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } });
    if (code !== 0) throw new Error(`astro build failed:\n${output}`);
    const env = {
      ...withoutVitestVariables(process.env),
      TURSO_DATABASE_URL: databaseUrl,
      TURSO_AUTH_TOKEN: 'local',
      PLEDGE_HMAC_SECRET: PREVIEW_HMAC_SECRET,
      STORY_RECIPIENTS: editor.recipient,
    };
    // The build and the file that points `astro preview` at it.
    for (const built of ['dist', '.wrangler/deploy']) cpSync(copy.path(built), verifiedCopy.path(built), { recursive: true });
    await releasePreviewPort();
    preview = await startPreview({ ...env, PLEDGE_CONFIRMATION: 'none' }, previewLog, copy.dir, previewPort);
    await releaseVerifiedPreviewPort();
    verifiedPreview = await startPreview({ ...env, PLEDGE_CONFIRMATION: 'email' }, verifiedPreviewLog, verifiedCopy.dir, verifiedPreviewPort);
    console.info(`astro preview at ${preview.url}, log in ${previewLog}; with confirmation by email at ${verifiedPreview.url}`);
  })();
  // Nobody may be waiting yet: the failure is reported to whoever asks /ready.
  ready.catch(() => {});

  // GET /ready, /stop, /start, /stall?ms=N and /tally-reads: the preview's readiness, the database's state, or the
  // count of tally reads.
  const control = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://control');
    if (url.pathname === '/ready') {
      try {
        await ready;
        response.end('ready');
      } catch (error) {
        response.writeHead(500).end(String(error));
      }
      return;
    }
    if (url.pathname === '/stop' && database) {
      await database.close();
      database = undefined;
    } else if (url.pathname === '/start' && !database) {
      database = await start();
    } else if (url.pathname === '/stall') {
      database?.stall(Number(url.searchParams.get('ms')));
    }
    response.end(url.pathname === '/tally-reads' ? String(tallyReads) : database ? 'up' : 'down');
  });
  const controlPort = await freePort();
  await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve));

  project.provide('previewUrl', `http://127.0.0.1:${previewPort}`);
  project.provide('builtSiteDir', copy.path('dist'));
  project.provide('databaseUrl', databaseUrl);
  project.provide('previewEditorIdentity', editor.identity);
  project.provide('databaseControlUrl', `http://127.0.0.1:${controlPort}`);
  project.provide('verifiedPreviewUrl', `http://127.0.0.1:${verifiedPreviewPort}`);
  project.provide('verifiedPreviewLog', verifiedPreviewLog);
  project.provide('partnerSiteUrl', partnerSite.origin);

  return async () => {
    await ready.catch(async () => {
      await releasePreviewPort();
      await releaseVerifiedPreviewPort();
    });
    await preview?.stop();
    await verifiedPreview?.stop();
    control.close();
    await partnerSite.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
    copy.remove();
    verifiedCopy.remove();
  };
}
