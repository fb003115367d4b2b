// The one module that reads the Worker's platform: secrets from astro:env, bindings and vars from wrangler.jsonc
// (typed by `wrangler types`), the edge cache, the clock and the log, read once per isolate into one Platform. It
// decides nothing: what a missing secret or binding means is decided, and tested, in the services (src/lib/*).
// Only on-demand routes and src/worker.ts import it: prerendering runs in Node, where `cloudflare:workers` is absent.
// It is read on first use, not when this module loads: astro:env's values are live bindings that hold the secrets only
// once the adapter has handed them the Worker's environment, and module order does not promise that comes first.
import {
  PLEDGE_HMAC_SECRET,
  STORY_RECIPIENTS,
  TURNSTILE_DISABLED,
  TURNSTILE_SECRET_KEY,
  TURNSTILE_SITE_KEY,
  TURNSTILE_VERIFY_URL,
  TURSO_AUTH_TOKEN,
  TURSO_DATABASE_URL,
} from 'astro:env/server';
import { env, waitUntil } from 'cloudflare:workers';
import milestones from 'virtual:walkaway/milestones';
import { openDatabase } from './lib/db/client.ts';
import { createIntegrityMemory } from './lib/integrity/integrity-service.ts';
import { createLogger } from './lib/log.ts';
import type { Platform } from './lib/platform.ts';
import { readMailSettings, readSettings } from './lib/settings.ts';
import { createTallyMemory, type EdgeCache } from './lib/tally/tally-cache.ts';

let read: Platform | undefined;

/** This isolate's platform, read the first time anything needs it. */
export const platform = (): Platform => (read ??= readPlatform());

function readPlatform(): Platform {
  const databaseUrl = TURSO_DATABASE_URL;
  return {
    site: import.meta.env.SITE,
    secrets: {
      databaseUrl,
      hmacSecret: PLEDGE_HMAC_SECRET,
      storyRecipients: STORY_RECIPIENTS,
      turnstileSiteKey: TURNSTILE_SITE_KEY,
      turnstileSecretKey: TURNSTILE_SECRET_KEY,
      turnstileVerifyUrl: TURNSTILE_VERIFY_URL,
      turnstileDisabled: TURNSTILE_DISABLED,
    },
    database: databaseUrl ? () => openDatabase({ url: databaseUrl, authToken: TURSO_AUTH_TOKEN }) : undefined,
    settings: readSettings(env),
    mail: readMailSettings(env),
    milestones: milestones.map(({ value }) => value),
    pledgeQueue: env.PLEDGE_QUEUE,
    emailQueue: env.EMAIL_QUEUE,
    email: env.EMAIL,
    rateLimiters: { pledge: env.PLEDGE_RATE_LIMITER, story: env.STORY_RATE_LIMITER },
    cache: (globalThis.caches as unknown as { default: EdgeCache }).default,
    memory: { tally: createTallyMemory(), integrity: createIntegrityMemory() },
    defer: (work) => waitUntil(work),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: createLogger(console),
    clock: { now: () => new Date() },
    fetch: (...args) => fetch(...args),
  };
}
