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
 * Adds the security headers, and makes anything not marked cacheable `no-store` (pages may hold what was typed).
 * On-demand pages already carry Astro's policy as a header: ours is added to it, never put in its place.
 */
export function withSecurityHeaders(response: Response): Response {
  const secured = new Response(response.body, response);
  const pagePolicy = secured.headers.get('content-security-policy');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) secured.headers.set(name, value);
  if (pagePolicy) {
    secured.headers.set('content-security-policy', `${pagePolicy.replace(/;\s*$/, '')}; ${SECURITY_HEADERS['content-security-policy']}`);
  }
  if (!secured.headers.has('cache-control')) secured.headers.set('cache-control', 'no-store');
  return secured;
}
