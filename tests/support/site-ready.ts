import { inject } from 'vitest';

/**
 * Resolves once the fixture build is served (the global setup's control endpoint answers `/ready` when it is), or
 * fails with the reason the build or the preview gave. It waits on that answer, however long the build takes.
 */
export async function siteReady(): Promise<void> {
  const response = await fetch(`${inject('databaseControlUrl')}/ready`);
  const text = await response.text();
  if (!response.ok) throw new Error(text);
}
