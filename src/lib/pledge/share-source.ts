/** A share or partner code in `?ref=`: lowercase letters, digits and hyphens, at most 32 characters. */
const SOURCE_CODE = /^[a-z0-9-]{1,32}$/;

/** The code when it is well formed, otherwise null: a malformed code is ignored, never an error. */
export function sourceCode(value: unknown): string | null {
  return typeof value === 'string' && SOURCE_CODE.test(value) ? value : null;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * `href` with `?ref=<code>` added (or replaced), keeping its other parameters and its fragment. A root-relative
 * link stays root-relative; an absolute one stays absolute.
 */
export function withSource(href: string, code: string): string {
  const url = new URL(href, 'https://relative.invalid');
  url.searchParams.set('ref', code);
  return ABSOLUTE.test(href) ? url.href : `${url.pathname}${url.search}${url.hash}`;
}
