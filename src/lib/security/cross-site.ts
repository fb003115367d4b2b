/**
 * Whether a request was sent by a page on another site. Browsers mark every request with Sec-Fetch-Site; for the
 * few that do not, a present Origin that differs from ours gives it away. Origin is `null` on our own form posts
 * (we send no referrer), so Astro's own origin check, which wants a matching Origin, cannot be used here.
 * Clients that are not browsers (curl, scripts) send neither header and are let through.
 */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  return origin !== null && origin !== 'null' && origin !== new URL(request.url).origin;
}
