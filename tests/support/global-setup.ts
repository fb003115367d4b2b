// Builds the site once and serves it with `astro preview` (the worker in workerd) against a local libSQL server
// that tests can stop and start again through a small control endpoint, to see how the site behaves without it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalDatabase } from '../../scripts/lib/local-database.ts';
import type { RunningServer } from '../../scripts/libsql-server/server.ts';
import { projectRoot, runAstro, withoutVitestVariables } from './astro-cli.ts';
import { freePort, waitForHttp } from './net.ts';

export const HMAC_SECRET = 'test-secret-for-preview';

declare module 'vitest' {
  export interface ProvidedContext {
    previewUrl: string;
    databaseUrl: string;
    databaseControlUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const { code, output } = await runAstro(['build']);
  if (code !== 0) throw new Error(`astro build failed:\n${output}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'walkaway-preview-db-'));
  const file = join(dataDir, 'walkaway.db');
  const databasePort = await freePort();
  let database: RunningServer | undefined = await startLocalDatabase({ file, port: databasePort });

  const control = createServer(async (request, response) => {
    if (request.url === '/stop' && database) {
      await database.close();
      database = undefined;
    } else if (request.url === '/start' && !database) {
      database = await startLocalDatabase({ file, port: databasePort });
    }
    response.end(database ? 'up' : 'down');
  });
  const controlPort = await freePort();
  await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve));

  const previewPort = await freePort();
  const preview: ChildProcess = spawn(
    process.execPath,
    [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'preview', '--port', String(previewPort), '--host', '127.0.0.1'],
    {
      cwd: projectRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...withoutVitestVariables(process.env),
        ASTRO_TELEMETRY_DISABLED: '1',
        TURSO_DATABASE_URL: database.url,
        TURSO_AUTH_TOKEN: 'local',
        PLEDGE_HMAC_SECRET: HMAC_SECRET,
      },
    },
  );
  let previewLog = '';
  preview.stdout?.on('data', (chunk) => (previewLog += chunk));
  preview.stderr?.on('data', (chunk) => (previewLog += chunk));
  const previewUrl = `http://127.0.0.1:${previewPort}`;
  try {
    await waitForHttp(`${previewUrl}/`, 60_000);
  } catch (error) {
    stopProcessGroup(preview);
    throw new Error(`astro preview did not start: ${(error as Error).message}\n${previewLog}`);
  }

  project.provide('previewUrl', previewUrl);
  project.provide('databaseUrl', database.url);
  project.provide('databaseControlUrl', `http://127.0.0.1:${controlPort}`);

  return async () => {
    await stopProcessGroup(preview);
    control.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Stops astro preview and the workerd it started; only one preview may run per project. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}
