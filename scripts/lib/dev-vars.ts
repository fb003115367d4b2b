import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { LOCAL_SETTING_NAMES } from '../../src/config.ts';

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

/** The settings (wrangler.jsonc `vars`) the environment of `npm run dev` or `npm run preview` gives. */
export function settingOverrides(env: Record<string, string | undefined> = process.env): Record<string, string> {
  return Object.fromEntries(LOCAL_SETTING_NAMES.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]!]])));
}

// The form Wrangler reads back: single quotes hold anything but a single quote or a line break.
const devVarsLine = (name: string, value: string) => {
  if (/['\r\n]/.test(value)) throw new Error(`${name} cannot be given to a local run: it holds a quote or a line break`);
  return `${name}='${value}'\n`;
};

/**
 * Puts settings from the environment into the built Worker's `.dev.vars` (dist/server/.dev.vars), which `astro build`
 * copied from the project's and which `astro preview` then reads instead of the environment. Each run starts again
 * from what the build wrote (kept beside it as `.dev.vars.built`; a build empties dist/), so one run's settings never
 * stay for the next. Without that file the preview reads the environment itself, and nothing needs writing.
 */
export function applySettingsToBuiltDevVars(file: string, overrides: Record<string, string>): void {
  const built = `${file}.built`;
  if (!existsSync(built)) {
    if (!existsSync(file)) return;
    copyFileSync(file, built);
  }
  const kept = Object.entries(parseEnv(readFileSync(built, 'utf8'))).filter(([name]) => !(name in overrides));
  const lines = [...kept, ...Object.entries(overrides)].map(([name, value]) => devVarsLine(name, value ?? ''));
  writeFileSync(file, lines.join(''), { mode: 0o600 });
}
