// Domains reserved for documentation (RFC 2606): editors use them while the real link is unknown.
const RESERVED_HOSTS = /(^|\.)example\.(com|org|net)$/;

/** A news link still waiting for its real address: shown as such, never linked. */
export function isPlaceholderUrl(url: string): boolean {
  return RESERVED_HOSTS.test(new URL(url).hostname);
}
