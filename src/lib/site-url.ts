/** Where canonical URLs, feeds, the sitemap and share images point when SITE_URL is not set. */
export const LOCAL_SITE_URL = 'http://localhost:4321';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** SITE_URL as the site's address: an absolute http(s) URL, or the local default when unset. Throws when malformed. */
export function siteUrl(value: string | undefined): string {
  if (!value) return LOCAL_SITE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL must be a full address such as https://walkaway.example, not "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SITE_URL must start with https://, not "${url.protocol}".`);
  }
  return url.origin;
}

/**
 * The origin links in emails point to: the site's public address, never the host a request happened to name (a
 * workers.dev or preview address, or whatever a proxy passed on). A local build (no SITE_URL) links to where the
 * request came, so that a preview on any port sends working links.
 */
export function linkOrigin(configuredSite: string, request: URL): string {
  const site = new URL(configuredSite);
  return LOCAL_HOSTS.has(site.hostname) ? request.origin : site.origin;
}

/** Why SITE_URL cannot be used for a public deployment, or undefined when it can. */
export function publicSiteUrlProblem(value: string | undefined): string | undefined {
  if (!value) {
    return 'SITE_URL is not set. Canonical URLs, the RSS feeds, the sitemap and share images need the public address: run SITE_URL=https://your.domain npm run deploy';
  }
  let url: string;
  try {
    url = siteUrl(value);
  } catch (error) {
    return (error as Error).message;
  }
  if (LOCAL_HOSTS.has(new URL(url).hostname)) return `SITE_URL is ${url}, a local address: set the site's public address.`;
  if (!url.startsWith('https://')) return `SITE_URL is ${url}: the public site must use https://.`;
  return undefined;
}

/** The warning a build without SITE_URL prints once. */
export const LOCAL_BUILD_WARNING = `SITE_URL is not set: canonical URLs, the RSS feeds, the sitemap and share images will point at ${LOCAL_SITE_URL}. Set SITE_URL=https://your.domain for a public build (npm run deploy requires it).`;
