import { emailHmacOf } from '../pledge/pledge-record';
import type { Pledge } from '../pledge/validate';
import { hmacSha256Hex } from './hmac';

export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';
export const DEFAULT_VERIFY_URL = `${TURNSTILE_ORIGIN}/turnstile/v0/siteverify`;
/** The form field the Turnstile widget adds to the form it sits in. */
export const TOKEN_FIELD = 'cf-turnstile-response';
/** The action each form's widget names, which siteverify reports back: a pledge token cannot send a story. */
export const PLEDGE_ACTION = 'pledge';
export const SPEAK_OUT_ACTION = 'speak-out';

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
export async function verifyTurnstile(
  token: unknown,
  { idempotencyKey, hostname, action = PLEDGE_ACTION }: { idempotencyKey: string; hostname: string; action?: string },
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

/**
 * The idempotency key sent to siteverify, from the form's key and the person's email together (as a UUID, which
 * siteverify requires). A retry of the same pledge may verify its token again, but a token replayed with the same
 * form key for another email is refused as already spent: the form's key alone no longer makes a pledge unique.
 */
export async function verificationKey(pledge: Pledge, hmacSecret: string): Promise<string> {
  return turnstileKey(hmacSecret, pledge.idempotencyKey, await emailHmacOf(pledge.email, hmacSecret));
}

/** Siteverify's idempotency key for a submission: its parts keyed and hashed, written as the UUID siteverify requires. */
export async function turnstileKey(hmacSecret: string, ...parts: string[]): Promise<string> {
  const digest = await hmacSha256Hex(hmacSecret, `walkaway:turnstile:v1:${parts.join(':')}`);
  const hex = `${digest.slice(0, 12)}4${digest.slice(13, 16)}${((parseInt(digest[16]!, 16) & 3) | 8).toString(16)}${digest.slice(17, 32)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
