import { splitLocale } from '../../i18n/locales.ts';

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

/** The one page other sites may frame: the embeddable counter for partners. Every other page stays unframeable. */
const FRAMEABLE_PATHS: ReadonlySet<string> = new Set(['/embed/counter']);

/** True for the embeddable counter in any of the site's languages (`/embed/counter`, `/es/embed/counter`). */
export const isFrameable = (pathname: string) => FRAMEABLE_PATHS.has(splitLocale(pathname).path);

/** The security headers for a response, with framing allowed from any site where `frameable`. */
function securityHeadersFor({ frameable }: { frameable: boolean }): Readonly<Record<string, string>> {
  if (!frameable) return SECURITY_HEADERS;
  const { 'x-frame-options': _denied, ...rest } = SECURITY_HEADERS;
  return { ...rest, 'content-security-policy': rest['content-security-policy']!.replace("frame-ancestors 'none'", 'frame-ancestors *') };
}

/**
 * Adds the security headers, and makes anything not marked cacheable `no-store` (pages may hold what was typed).
 * A response that carries a policy of its own (on-demand pages: Astro's; the badge: its own) keeps it: ours is
 * added to it, never put in its place.
 */
export function withSecurityHeaders(response: Response, { frameable = false } = {}): Response {
  const secured = new Response(response.body, response);
  const ownPolicy = secured.headers.get('content-security-policy');
  const headers = securityHeadersFor({ frameable });
  for (const [name, value] of Object.entries(headers)) secured.headers.set(name, value);
  if (ownPolicy) {
    secured.headers.set('content-security-policy', `${ownPolicy.replace(/;\s*$/, '')}; ${headers['content-security-policy']}`);
  }
  if (!secured.headers.has('cache-control')) secured.headers.set('cache-control', 'no-store');
  return secured;
}
