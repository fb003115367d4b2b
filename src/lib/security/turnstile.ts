import { TURNSTILE_TEST_KEYS } from '../../config.ts';
import { deploymentOf } from '../deployment.ts';
import { SITE_FORMS, type SiteForm } from '../forms/site-forms.ts';
import type { Platform } from '../platform.ts';
import { keyedHash } from './purpose-keys.ts';

export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';
const DEFAULT_VERIFY_URL = `${TURNSTILE_ORIGIN}/turnstile/v0/siteverify`;
/** The form field the Turnstile widget adds to the form it sits in. */
export const TOKEN_FIELD = 'cf-turnstile-response';

export type HumanCheck = 'passed' | 'failed' | 'unavailable';

/** Turnstile's script and its challenge frame are the site's only outside origin, and only on pages with a form. */
export function allowTurnstile(csp: { insertScriptResource(resource: string): void; insertDirective(directive: string): void } | undefined) {
  csp?.insertScriptResource(TURNSTILE_ORIGIN);
  csp?.insertDirective(`frame-src ${TURNSTILE_ORIGIN}`);
}

export interface TurnstileVerifier {
  secret: string;
  verifyUrl: string;
  fetch: typeof fetch;
}

interface SiteverifyResult {
  success?: boolean;
  hostname?: string;
  action?: string;
  metadata?: { result_with_testing_key?: boolean };
}

/**
 * Server-side check of a Turnstile token: it must be valid and unused, and issued on our host for this form (its
 * action). Cloudflare's documented test keys answer without a real host or action, so those two are only checked on
 * real answers. The idempotency key makes a retried verification of the same submission's token safe.
 */
async function verifyTurnstile(
  token: unknown,
  { idempotencyKey, hostname, action }: { idempotencyKey: string; hostname: string; action: string },
  { secret, verifyUrl, fetch }: TurnstileVerifier,
): Promise<HumanCheck> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048) return 'failed';
  let result: SiteverifyResult;
  try {
    const response = await fetch(verifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret, response: token, idempotency_key: idempotencyKey }),
    });
    if (!response.ok) return 'unavailable';
    result = (await response.json()) as SiteverifyResult;
  } catch {
    return 'unavailable';
  }
  if (result.success !== true) return 'failed';
  if (result.metadata?.result_with_testing_key) return 'passed';
  return result.hostname === hostname && result.action === action ? 'passed' : 'failed';
}

/** Siteverify's idempotency key for a submission: its parts keyed and hashed, written as the UUID siteverify requires. */
export async function turnstileKey(hmacSecret: string, ...parts: string[]): Promise<string> {
  const digest = await keyedHash(hmacSecret, 'turnstile', parts.join(':'));
  const hex = `${digest.slice(0, 12)}4${digest.slice(13, 16)}${((parseInt(digest[16]!, 16) & 3) | 8).toString(16)}${digest.slice(17, 32)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

type TurnstileSetup = { state: 'on'; siteKey: string; secretKey: string } | { state: 'off' } | { state: 'refused' };

/**
 * Whether the forms check that a sender is a person:
 * - TURNSTILE_DISABLED is `true` (exactly): off on purpose, said once in the log;
 * - both keys set: on, except that a deployed Worker refuses Cloudflare's published test keys (they always pass);
 * - neither key, in a local run (`npm run dev`, `npm run preview`, tests: no keys and no network): off, said once;
 * - neither key in a deployed Worker: every send is refused, said loudly;
 * - only one key: a deployment mistake, and every send is refused until it is mended.
 * Refusing is failing closed: a send is answered "try again" (503) and nothing unchecked gets through.
 */
export function turnstileSetup(platform: Pick<Platform, 'secrets' | 'log'>): TurnstileSetup {
  const { turnstileSiteKey: siteKey, turnstileSecretKey: secretKey, turnstileDisabled, databaseUrl } = platform.secrets;
  const deployed = deploymentOf(databaseUrl) === 'deployed';
  if (turnstileDisabled === 'true') {
    platform.log.infoOnce('Turnstile is off: TURNSTILE_DISABLED is true');
    return { state: 'off' };
  }
  if (siteKey && secretKey) {
    if (deployed && (TURNSTILE_TEST_KEYS.has(siteKey) || TURNSTILE_TEST_KEYS.has(secretKey))) {
      platform.log.warnOnce('Turnstile has its published test keys, which a deployed Worker refuses: forms are refused until real keys are set');
      return { state: 'refused' };
    }
    return { state: 'on', siteKey, secretKey };
  }
  if (siteKey || secretKey) {
    platform.log.warnOnce('Turnstile is misconfigured: set both TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY; forms are refused until then');
    return { state: 'refused' };
  }
  if (!deployed) {
    platform.log.infoOnce('Turnstile is off in this local run: TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY are not set');
    return { state: 'off' };
  }
  platform.log.warnOnce('Turnstile keys are not set: forms are refused until they are (or TURNSTILE_DISABLED is true)');
  return { state: 'refused' };
}

/** The site key for a form's widget, when Turnstile is on. */
export function turnstileSiteKey(platform: Pick<Platform, 'secrets' | 'log'>): string | undefined {
  const setup = turnstileSetup(platform);
  return setup.state === 'on' ? setup.siteKey : undefined;
}

/**
 * A form's Turnstile check on this platform, or undefined when Turnstile is off. The token must have been issued on
 * our host for this form (its action), and `keyOf` gives siteverify the idempotency key that lets only the same
 * submission verify it again.
 */
export function humanCheck<T>(
  platform: Pick<Platform, 'secrets' | 'log' | 'fetch'>,
  { form, hostname, keyOf }: { form: SiteForm; hostname: string; keyOf: (submitted: T) => Promise<string> },
): ((token: unknown, submitted: T) => Promise<HumanCheck>) | undefined {
  const setup = turnstileSetup(platform);
  if (setup.state === 'off') return undefined;
  if (setup.state === 'refused') return async () => 'unavailable';
  // Another siteverify address is only for tests' stand-in: a deployed Worker always asks Cloudflare.
  const standIn = deploymentOf(platform.secrets.databaseUrl) === 'local' ? platform.secrets.turnstileVerifyUrl : undefined;
  const verifier = { secret: setup.secretKey, verifyUrl: standIn ?? DEFAULT_VERIFY_URL, fetch: platform.fetch };
  return async (token, submitted) =>
    verifyTurnstile(token, { idempotencyKey: await keyOf(submitted), hostname, action: SITE_FORMS[form].turnstileAction }, verifier);
}
