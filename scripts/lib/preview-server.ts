import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, waitForHttp } from './net.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningPreview {
  url: string;
  stop(): Promise<void>;
}

/**
 * `astro preview` of the site built in `projectDir` (the worker in workerd) on a free port, with the given environment.
 * It runs in its own process group so that stopping it also stops workerd: only one preview may run per project.
 */
export async function startPreview(
  env: Record<string, string | undefined>,
  logFile?: string,
  projectDir = root,
  port?: number,
): Promise<RunningPreview> {
  port ??= await freePort();
  const child = spawn(
    process.execPath,
    [`${root}node_modules/astro/bin/astro.mjs`, 'preview', '--port', String(port), '--host', '127.0.0.1'],
    { cwd: projectDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ASTRO_TELEMETRY_DISABLED: '1', ...env } },
  );
  let log = '';
  const copy = logFile ? createWriteStream(logFile) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk) => {
      log += chunk;
      copy?.write(chunk);
    });
  }
  const preview = { url: `http://127.0.0.1:${port}`, stop: () => stopProcessGroup(child) };
  try {
    // Generous: on a busy 2-core machine, workerd can take a while to start beside builds in other test files.
    await waitForHttp(`${preview.url}/`, 120_000);
  } catch (error) {
    await preview.stop();
    throw new Error(`astro preview did not start: ${(error as Error).message}\n${log}`);
  }
  return preview;
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}
