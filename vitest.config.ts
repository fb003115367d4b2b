import { defineConfig } from 'vitest/config';

// A plain Vitest config: Astro's getViteConfig() cannot start with the Cloudflare adapter (withastro/astro#15878).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 180_000,
  },
});
