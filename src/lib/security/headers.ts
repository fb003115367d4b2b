import { splitLocale } from '../../i18n/locales.ts';
import { isFrameOrigin } from '../partners/frame-origin.ts';

/**
 * Headers every response carries, from the worker (src/middleware.ts) and for static files (public/_headers,
 * checked against this list by a test). Astro adds the page's script and style policy, with hashes, as a meta tag;
 * these directives are the ones a meta tag cannot set or that hold for every response.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Who may frame a response: nobody (every page but two), anyone (the embeddable counter, which shows what is public),
 * or only the origins of one partner's pages (the embeddable pledge form, which takes an email address).
 */
export type Framing = 'nobody' | 'anyone' | { origins: readonly string[] };

/** The page any site may frame: the embeddable counter for partners. Every other page stays unframeable by default. */
const FRAMEABLE_BY_ANYONE: ReadonlySet<string> = new Set(['/embed/counter']);

/** True for the embeddable counter in any of the site's languages (`/embed/counter`, `/es/embed/counter`). */
export const isFrameable = (pathname: string) => FRAMEABLE_BY_ANYONE.has(splitLocale(pathname).path);

/** The framing of a path when its page has not set one of its own (the pledge form sets its partner's origins). */
export const framingOf = (pathname: string): Framing => (isFrameable(pathname) ? 'anyone' : 'nobody');

/**
 * The `frame-ancestors` sources for a framing. Origins are checked again here, where they become a header: one that
 * is not a bare origin (a `*`, a `;` that would start another directive) makes the response unframeable, never open.
 */
function frameAncestors(framing: Framing): string | undefined {
  if (framing === 'anyone') return '*';
  if (framing === 'nobody' || framing.origins.length === 0 || !framing.origins.every(isFrameOrigin)) return undefined;
  return framing.origins.join(' ');
}

/** The security headers for a response: framing refused (with X-Frame-Options too) unless `framing` allows it. */
function securityHeadersFor(framing: Framing): Readonly<Record<string, string>> {
  const sources = frameAncestors(framing);
  if (!sources) return SECURITY_HEADERS;
  const { 'x-frame-options': _denied, ...rest } = SECURITY_HEADERS;
  return { ...rest, 'content-security-policy': rest['content-security-policy']!.replace("frame-ancestors 'none'", `frame-ancestors ${sources}`) };
}

/**
 * Adds the security headers, and makes anything not marked cacheable `no-store` (pages may hold what was typed).
 * A response that carries a policy of its own (on-demand pages: Astro's; the badge: its own) keeps it: ours is
 * added to it, never put in its place.
 */
export function withSecurityHeaders(response: Response, { framing = 'nobody' }: { framing?: Framing } = {}): Response {
  const secured = new Response(response.body, response);
  const ownPolicy = secured.headers.get('content-security-policy');
  const headers = securityHeadersFor(framing);
  for (const [name, value] of Object.entries(headers)) secured.headers.set(name, value);
  if (ownPolicy) {
    const ours = headers['content-security-policy']!;
    // A rewritten page passes through twice (its own render, then the answer it replaced): ours is added once.
    secured.headers.set('content-security-policy', ownPolicy.includes(ours) ? ownPolicy : `${ownPolicy.replace(/;\s*$/, '')}; ${ours}`);
  }
  if (!secured.headers.has('cache-control')) secured.headers.set('cache-control', 'no-store');
  return secured;
}
