import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './astro-cli.ts';

const COPIED = ['astro.config.mjs', 'wrangler.jsonc', 'tsconfig.json', 'package.json', 'src', 'content', 'public', 'scripts', 'db', 'tests/fixtures'];
// Build caches live under node_modules: each copy keeps its own, so builds in copies never share a content store.
const CACHES = new Set(['.astro', '.vite', '.cache']);

export interface SiteCopy {
  dir: string;
  path(...segments: string[]): string;
  remove(): void;
}

/** A throwaway copy of the project, with the installed packages linked in, to change and build without harm. */
export function copySite(): SiteCopy {
  const dir = mkdtempSync(join(tmpdir(), 'walkaway-site-'));
  for (const entry of COPIED) cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(projectRoot, 'node_modules'))) {
    if (!CACHES.has(name)) symlinkSync(join(projectRoot, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return { dir, path: (...segments) => join(dir, ...segments), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
