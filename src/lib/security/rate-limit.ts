import { RATE_LIMITS } from '../../config.ts';
import type { Platform } from '../platform.ts';
import { keyedHash } from './purpose-keys.ts';
import { requireSecret } from './secrets.ts';

/** The Workers Rate Limiting binding (`ratelimits` in wrangler.jsonc). */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export type RateLimitResult = 'allowed' | 'limited';

/** An IPv6 address as eight 16-bit groups, or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  const withoutZone = address.split('%')[0]!;
  const halves = withoutZone.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) => {
    if (!part) return [];
    const pieces = part.split(':');
    const last = pieces.at(-1)!;
    // An IPv4 tail (64:ff9b::192.0.2.1) is two groups.
    const ipv4 = last.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
    const groups = (ipv4 ? pieces.slice(0, -1) : pieces).map((piece) => (/^[0-9a-f]{1,4}$/i.test(piece) ? parseInt(piece, 16) : NaN));
    if (ipv4) {
      const [a, b, c, d] = ipv4.slice(1).map(Number) as [number, number, number, number];
      groups.push((a << 8) | b, (c << 8) | d);
    }
    return groups;
  };
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

/**
 * Who the limit counts: an IPv4 address as it is, an IPv6 address by its /64 network. Providers give one household
 * or phone a whole /64, so counting single IPv6 addresses would let anyone step past the limit by changing address.
 */
export function rateLimitSubject(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const mappedIpv4 = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mappedIpv4) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** Cloudflare's Pseudo IPv4 addresses stand in for IPv6 clients: class E, 240.0.0.0/4. */
const PSEUDO_IPV4 = /^(24\d|25[0-5])\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** The client's address as Cloudflare gives it: CF-Connecting-IPv6 only behind a Pseudo IPv4 address. */
function clientAddress(headers: Headers): string {
  const address = headers.get('cf-connecting-ip') ?? 'unknown';
  return PSEUDO_IPV4.test(address) ? (headers.get('cf-connecting-ipv6') ?? address) : address;
}

/**
 * Counts a form's sends per client (see rateLimitSubject). The address only ever appears as a keyed hash, and the binding
 * keeps its counters for the period alone: no address is stored. Cloudflare always sets CF-Connecting-IP in
 * production; with Pseudo IPv4 on, that header holds a made-up address from 240.0.0.0/4 and the visitor's real IPv6
 * address comes in CF-Connecting-IPv6. That header is read only then: otherwise a client could send one of its own and
 * be counted under a new name with each request. The binding counts per Cloudflare location, not worldwide.
 */
async function checkRateLimit(
  request: Request,
  { limiter, secret }: { limiter: RateLimiter; secret: string },
): Promise<RateLimitResult> {
  const subject = rateLimitSubject(clientAddress(request.headers));
  const key = await keyedHash(secret, 'rate-limit', subject);
  const { success } = await limiter.limit({ key });
  return success ? 'allowed' : 'limited';
}

export type RateLimitedForm = keyof typeof RATE_LIMITS;

/**
 * A form's rate limit on this platform. A missing binding lets sends through, said loudly once: the limit only slows
 * a flood (Turnstile is what keeps bots out), and refusing every pledge and story because a deployment lacks it would
 * silence the campaign. A binding that is there but fails refuses the send (the caller answers 503, "try again"):
 * a failure is brief, and nothing is lost by asking the person to send again.
 */
export function formRateLimit(
  platform: Pick<Platform, 'rateLimiters' | 'secrets' | 'log'>,
  form: RateLimitedForm,
): ((request: Request) => Promise<RateLimitResult>) | undefined {
  const limiter = platform.rateLimiters[form];
  if (!limiter) {
    platform.log.warnOnce(`${RATE_LIMITS[form].binding} is not bound: ${form} sends are not rate limited (see ratelimits in wrangler.jsonc)`);
    return undefined;
  }
  return (request) => checkRateLimit(request, { limiter, secret: requireSecret(platform, 'hmacSecret') });
}
