export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';
export const DEFAULT_VERIFY_URL = `${TURNSTILE_ORIGIN}/turnstile/v0/siteverify`;
/** The form field the Turnstile widget adds to the form it sits in. */
export const TOKEN_FIELD = 'cf-turnstile-response';
export const PLEDGE_ACTION = 'pledge';

export type HumanCheck = 'passed' | 'failed' | 'unavailable';

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
 * Server-side check of a Turnstile token: it must be valid and unused, and issued on our host for the pledge form.
 * Cloudflare's documented test keys answer without a real host or action, so those two are only checked on real
 * answers. The pledge's idempotency key makes a retried verification of the same token safe.
 */
export async function verifyTurnstile(
  token: unknown,
  { idempotencyKey, hostname }: { idempotencyKey: string; hostname: string },
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
  return result.hostname === hostname && result.action === PLEDGE_ACTION ? 'passed' : 'failed';
}
