import { defineConfig } from 'vitest/config';

// A plain Vitest config: Astro's getViteConfig() cannot start with the Cloudflare adapter (withastro/astro#15878).
// Four layers; `npm test` runs them all, `npm run test:unit` only the first.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    projects: [
      // Pure functions: no build, no server, no database.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // Each file starts its own local libSQL server on a fresh file.
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      // Builds and command-line runs in throwaway copies of the project: the real content, build errors, `npm run new`.
      { extends: true, test: { name: 'content', include: ['tests/content/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          // Builds the fixture content once and serves it with `astro preview` (the worker in workerd) against one
          // shared local database.
          globalSetup: ['tests/support/global-setup.ts'],
          // Some files stop that database and others count its rows: one file at a time, so they never overlap.
          fileParallelism: false,
          // After the other layers, whose builds would otherwise compete with the browser tests for the CPU.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
