import { defineConfig } from 'vitest/config';

// A plain Vitest config: Astro's getViteConfig() cannot start with the Cloudflare adapter (withastro/astro#15878).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds the site once and serves it with `astro preview` for every test that needs the real worker.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
