// Every scenario of the built site (tests/site/*.ts over HTTP, tests/e2e/*.ts in Chromium) against one build of the
// fixture content and one `astro preview` (tests/support/global-setup.ts). They run in this one file, one after
// another, because some stop the shared database and others count its rows; and in one file rather than in a
// single-worker project because Vitest holds such a project back until every other file has run, while a file runs
// beside the other layers' tests. Each scenario is a describe block of its own, so its hooks stay its own.
// One scenario alone: `npx vitest run --project site -t e2e/pledge`.
import { describe } from 'vitest';
import { siteReady } from './support/site-ready.ts';

// The build runs in the background while the other layers' tests run; the scenarios read its pages when collected.
await siteReady();

const scenarios = import.meta.glob(['./site/*.ts', './e2e/*.ts']);
for (const [path, load] of Object.entries(scenarios)) {
  describe(path.replace(/^\.\/|\.ts$/g, ''), async () => {
    await load();
  });
}
