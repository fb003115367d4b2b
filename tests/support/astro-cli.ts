import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const astroBin = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));

/** The content the test build reads instead of the editors' (WALKAWAY_CONTENT_DIR), relative to the project root. */
export const FIXTURE_CONTENT = 'tests/fixtures/content';

// Vitest exports Vite's mode flags (NODE_ENV=test, DEV=1, ...) to process.env; a child Astro would build in dev mode.
const VITEST_VARIABLES = /^(NODE_ENV|DEV|PROD|SSR|MODE|BASE_URL|TEST|VITEST.*)$/;

/** Environment variables as child processes take them. */
export type Environment = Record<string, string | undefined>;

export function withoutVitestVariables(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !VITEST_VARIABLES.test(name)));
}

export interface CommandResult {
  code: number | null;
  output: string;
}

interface RunOptions {
  cwd?: string;
  /** Added to the environment of the tests, without Vitest's own variables. */
  env?: Environment;
}

/** Runs a Node program with the Node that runs the tests, collecting stdout and stderr together. */
export function runNode(args: string[], { cwd = projectRoot, env = {} }: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...withoutVitestVariables(process.env), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Runs the Astro CLI. */
export function runAstro(args: string[], options: RunOptions = {}): Promise<CommandResult> {
  return runNode([astroBin, ...args], options);
}
