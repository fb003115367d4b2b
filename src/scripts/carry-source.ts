// A share or partner code in the address (?ref=) goes along with every link to another page of this site, so that it
// reaches the pledge form however the reader gets there. Nothing is stored: leave the site and it is gone.
import { sourceCode, withSource } from '../lib/pledge/share-source.ts';

const code = sourceCode(new URLSearchParams(location.search).get('ref'));
if (code) {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href^="/"]')) {
    link.href = withSource(link.getAttribute('href')!, code);
  }
}
