import { hmacSha256Hex } from './hmac';

/** The Workers Rate Limiting binding (`ratelimits` in wrangler.jsonc). */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export type RateLimitResult = 'allowed' | 'limited';

/**
 * Counts requests per client address. The address only ever appears as a keyed hash, and the binding keeps its
 * counters for the period alone: no address is stored. Cloudflare always sets CF-Connecting-IP in production.
 */
export async function checkRateLimit(
  request: Request,
  { limiter, secret }: { limiter: RateLimiter; secret: string },
): Promise<RateLimitResult> {
  const address = request.headers.get('cf-connecting-ip') ?? 'unknown';
  const key = await hmacSha256Hex(secret, `walkaway:rate-limit:v1:${address}`);
  const { success } = await limiter.limit({ key });
  return success ? 'allowed' : 'limited';
}
