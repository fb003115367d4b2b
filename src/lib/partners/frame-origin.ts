/**
 * An origin a partner's page is served from, as it goes into the `frame-ancestors` of a Content-Security-Policy header:
 * `https://host[:port]`, lowercase, nothing else. No `*`, no path, no spaces, semicolons or quotes, which would add a
 * source or a directive to the header. Plain `http://` only for a page on this machine (127.0.0.1 or localhost), so
 * that a partner's page can be tried locally.
 */
const FRAME_ORIGIN = /^(?:https:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}|http:\/\/(?:127\.0\.0\.1|localhost))(?::[1-9][0-9]{0,4})?$/;

export function isFrameOrigin(value: string): boolean {
  if (!FRAME_ORIGIN.test(value) || !URL.canParse(value)) return false;
  // The same origin written back: catches default ports written out (`https://x.org:443`). A port out of range does
  // not parse at all.
  return new URL(value).origin === value;
}

/**
 * The origins kept for trying the form locally (plain http, on this machine), as "<code>: <origin>": a deploy refuses
 * them, since in production they would let any web server on a reader's own device frame the form.
 */
export function localPartnerOrigins(partners: ReadonlyMap<string, { origins: readonly string[] }>): string[] {
  return [...partners].flatMap(([code, { origins }]) => origins.filter((origin) => origin.startsWith('http://')).map((origin) => `${code}: ${origin}`));
}

/** A partner's code, which is its file's name and the `?partner=` and `?ref=` it is known by. */
export const PARTNER_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/** The code a partner file's name gives (`north-shelter.yaml` → `north-shelter`), or an error naming the file (`where`). */
export function partnerCodeOf(fileName: string, where: string): string {
  const code = fileName.replace(/\.ya?ml$/, '');
  if (!PARTNER_SLUG.test(code)) throw new Error(`${where}: the file name is the partner's code: lowercase letters, digits and hyphens, at most 32 characters`);
  return code;
}
