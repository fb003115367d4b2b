import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The project's `.dev.vars` (never committed), as the Cloudflare tooling reads it; empty when there is none. */
export function devVars(): Record<string, string | undefined> {
  const file = `${root}.dev.vars`;
  return existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
}

/** A setting from the environment, else from `.dev.vars`. */
export function configuredValue(name: string, vars = devVars()): string | undefined {
  return process.env[name] || vars[name] || undefined;
}
