/**
 * A page's address as visitors use it. At build time, pages of a dynamic route see the file they are written to
 * (`/stories.html`, `/index.html`, `/es.html`); the site serves them without the extension.
 */
export function pageAddress(pathname: string): string {
  const address = pathname.replace(/\.html$/, '').replace(/\/index$/, '');
  return address === '' ? '/' : address;
}

/** True when `address` is the page `href` or a page under it: the navigation marks it as the current one. */
export const isUnder = (address: string, href: string) => address === href || address.startsWith(`${href}/`);
