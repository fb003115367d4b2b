import { defineConfig } from 'vitest/config';

// A plain Vitest config: Astro's getViteConfig() cannot start with the Cloudflare adapter (withastro/astro#15878).
// Four layers; `npm test` runs them all, `npm run test:unit` only the first. tests/README.md says what each covers.
export default defineConfig({
  test: {
    // A net for a test that hangs, not a measure of speed (that is `npm run bench`): builds in copies of the project and
    // command-line runs (a Node process loading the project's TypeScript) take 10 to 20 s on a busy 2-core machine.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // Most of a run is waiting (on builds, servers, browsers), not computing: three files at a time keep two cores busy
    // where Vitest's default for two cores (one) leaves them idle half the time.
    maxWorkers: 2,
    projects: [
      // The services on a fake platform, and plain functions: no build, no server.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // Each file starts its own local libSQL server on a fresh file.
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      // Builds and command-line runs in throwaway copies of the project: the real content, build errors, `npm run new`.
      { extends: true, test: { name: 'content', include: ['tests/content/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'site',
          // Every scenario in tests/site/ and tests/e2e/, run one after another from this one file.
          include: ['tests/built-site.test.ts'],
          // Builds the fixture content once, in the background, and serves it with `astro preview` (the worker in
          // workerd) against one shared local database.
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
