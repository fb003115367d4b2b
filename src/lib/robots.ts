/** Pages may be indexed; API answers, personal unsubscribe links and the partners' embed may not. The sitemap needs an absolute address. */
export function robotsTxt(sitemap: URL): string {
  return ['User-agent: *', 'Disallow: /api/', 'Disallow: /updates/', 'Disallow: /embed/', '', `Sitemap: ${sitemap.href}`, ''].join('\n');
}
