/** Pages may be indexed; API answers and personal unsubscribe links may not. The sitemap needs an absolute address. */
export function robotsTxt(sitemap: URL): string {
  return ['User-agent: *', 'Disallow: /api/', 'Disallow: /updates/', '', `Sitemap: ${sitemap.href}`, ''].join('\n');
}
