import { resolve } from 'node:path';

/**
 * The folder editors commit to, relative to the project root. Tests point WALKAWAY_CONTENT_DIR at fixture content
 * (tests/fixtures/content) so that editors' stories and news never decide whether `npm test` passes.
 */
export function contentRoot(): string {
  return process.env.WALKAWAY_CONTENT_DIR || 'content';
}

/** The same folder as an absolute path, for reading files outside Astro's loaders. */
export function contentPath(projectRoot: string, ...segments: string[]): string {
  return resolve(projectRoot, contentRoot(), ...segments);
}
