import { formatCount } from '../format-count.ts';
import { matchesEtag } from '../http/etag.ts';
import { TALLY_CACHE_CONTROL } from '../tally/tally-cache.ts';
import { badgeSvg, type BadgeTheme } from './badge-svg.ts';

/**
 * GET /badge.svg: an image any site may show (Cross-Origin-Resource-Policy: cross-origin), cached like the tally,
 * with a policy that lets it run and load nothing. While the count is unavailable: a dash, 503, not cached.
 */
export function badgeResponse(
  request: Request,
  total: number | undefined,
  { theme, lang }: { theme: BadgeTheme; lang: string },
): Response {
  const headers: Record<string, string> = {
    'content-type': 'image/svg+xml; charset=utf-8',
    'cross-origin-resource-policy': 'cross-origin',
    'content-security-policy': "default-src 'none'",
  };
  if (total === undefined) {
    return new Response(badgeSvg('—', theme), { status: 503, headers: { ...headers, 'cache-control': 'no-store', 'retry-after': '10' } });
  }
  const etag = `W/"badge-${theme}-${total}"`;
  Object.assign(headers, { 'cache-control': TALLY_CACHE_CONTROL, etag });
  if (matchesEtag(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : badgeSvg(formatCount(total, lang), theme), { headers });
}
