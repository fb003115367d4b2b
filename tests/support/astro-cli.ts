import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const astroBin = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));

// Vitest exports Vite's mode flags (NODE_ENV=test, DEV=1, ...) to process.env; a child Astro would build in dev mode.
const VITEST_VARIABLES = /^(NODE_ENV|DEV|PROD|SSR|MODE|BASE_URL|TEST|VITEST.*)$/;

export function withoutVitestVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !VITEST_VARIABLES.test(name)));
}

export interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs the Astro CLI with the Node that runs the tests, collecting stdout and stderr together. */
export function runAstro(args: string[], cwd = projectRoot): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const env = withoutVitestVariables(process.env);
    const child = spawn(process.execPath, [astroBin, ...args], {
      cwd,
      env: { ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
