// @ts-check
import cloudflare from '@astrojs/cloudflare';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, envField } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOCALE, LOCALES } from './src/i18n/locales.ts';
import { siteUrlWarning } from './src/integrations/site-url-warning.ts';
import { milestonesPlugin } from './src/integrations/milestones.ts';
import { worldMapPlugin } from './src/integrations/world-map.ts';
import { onDemandSitemapUrls } from './src/lib/sitemap-pages.ts';
import { siteUrl } from './src/lib/site-url.ts';

// The public address is only known where the site is deployed; canonical URLs, feeds, the sitemap and share
// images use it. `npm run deploy` refuses to run without it.
const site = siteUrl(process.env.SITE_URL);

// Settings that `npm run dev` was given in its environment (scripts/with-local-db.ts): over wrangler.jsonc's `vars`,
// under whatever .dev.vars says. Never set for `astro build`, so nothing from a shell reaches a deployed Worker.
/** @type {Record<string, string>} */
const settingOverrides = process.argv.includes('build') ? {} : JSON.parse(process.env.WALKAWAY_SETTING_OVERRIDES ?? '{}');

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'never',
  build: { format: 'file' },
  adapter: cloudflare({
    // Optimise the editors' local images with sharp at build time; the worker only serves the results.
    imageService: 'compile',
    // Prerender in Node: share images are drawn with satori and sharp, which cannot run in workerd.
    prerenderEnvironment: 'node',
    // Passed on to @cloudflare/vite-plugin, which takes `config` to adjust the Worker's configuration.
    .../** @type {object} */ ({ config: (/** @type {{ vars?: object }} */ worker) => ({ vars: { ...worker.vars, ...settingOverrides } }) }),
  }),
  integrations: [
    mdx(),
    // The prerendered pages, and the on-demand ones that are for search (/pledge, /walkaways…) in every language.
    sitemap({
      customPages: onDemandSitemapUrls(site),
      // Each address lists its other languages (hreflang).
      i18n: { defaultLocale: DEFAULT_LOCALE, locales: Object.fromEntries(LOCALES.map((lang) => [lang, lang])) },
    }),
    siteUrlWarning(Boolean(process.env.SITE_URL)),
  ],
  session: false,
  // English at /, every other language under /<code>/ (pages live in src/pages/[...lang]/).
  i18n: { locales: [...LOCALES], defaultLocale: DEFAULT_LOCALE, routing: { prefixDefaultLocale: false } },
  // Shiki colours code with inline styles, which the Content-Security-Policy refuses; stories carry no code anyway.
  markdown: { syntaxHighlight: false },
  // Pages send no referrer, so browsers post our own forms with `Origin: null`, which Astro's origin check
  // refuses. Both forms (POST /api/pledge and /api/speak-out) make their own cross-site check from Sec-Fetch-Site
  // (src/lib/security/cross-site.ts, through src/lib/forms/handle-form-post.ts).
  security: {
    checkOrigin: false,
    // Astro writes each page's policy with hashes of its scripts and styles; no 'unsafe-inline' for scripts.
    // The pages with a form (/pledge, /speak-out) add Turnstile's origin when Turnstile is on.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        // Only our own pages (the partners page previews the embeddable counter), plus Turnstile's on the form pages.
        "frame-src 'self'",
        "manifest-src 'self'",
      ],
      scriptDirective: { resources: ["'self'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  env: {
    schema: {
      TURSO_DATABASE_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      TURSO_AUTH_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      PLEDGE_HMAC_SECRET: envField.string({ context: 'server', access: 'secret', optional: true }),
      // The editors' public keys (age1…), to which what readers send through /speak-out is sealed. The Worker holds
      // only these: it can seal a story and never open one.
      STORY_RECIPIENTS: envField.string({ context: 'server', access: 'secret', optional: true }),
      // Turnstile is on wherever both keys are set (always in production: wrangler.jsonc requires them), off where
      // neither is, and refuses every send where only one is (src/lib/security/turnstile.ts).
      TURNSTILE_SITE_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      TURNSTILE_SECRET_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      // `true` runs a deployed Worker without Turnstile, on purpose; without it, missing keys refuse every form.
      TURNSTILE_DISABLED: envField.string({ context: 'server', access: 'secret', optional: true }),
      // Only for tests, which verify tokens against a local stand-in.
      TURNSTILE_VERIFY_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
    },
  },
  vite: {
    plugins: [tailwindcss(), worldMapPlugin(), milestonesPlugin(fileURLToPath(new URL('.', import.meta.url)))],
    // A pull request's preview build shows drafts and is never indexed (src/preview-build.ts).
    define: { __WALKAWAY_PREVIEW_BUILD__: JSON.stringify(process.env.WALKAWAY_PREVIEW_BUILD === '1') },
    // The Cloudflare adapter sets a `globalThis.process` shim as the banner of the server build, and Vite passes it on
    // to every browser script too, which never reads `process`: browser scripts get no banner.
    environments: { client: { build: { rolldownOptions: { output: { banner: '' } } } } },
  },
});
