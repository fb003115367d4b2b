import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/astro-cli';

const client = join(projectRoot, 'dist/client');
const page = (route: string) => readFileSync(join(client, `${route}.html`), 'utf8');

/** Reads frontmatter flags straight from the committed files, independently of the site's own code. */
function entries(collection: 'stories' | 'news') {
  const folder = join(projectRoot, 'content', collection);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => ({
      slug: file.replace(/\.mdx$/, ''),
      draft: /^draft:\s*true\s*$/m.test(readFileSync(join(folder, file), 'utf8').split(/^---$/m)[1] ?? ''),
    }));
}

// The global setup has run `astro build` once for the whole suite.
describe('the production build', () => {
  it.each(['stories', 'news'] as const)('writes a page for every published %s entry and none for drafts', (collection) => {
    const all = entries(collection);
    expect(all.filter((entry) => !entry.draft).length).toBeGreaterThan(0);
    for (const { slug, draft } of all) {
      expect(existsSync(join(client, collection, `${slug}.html`)), `${collection}/${slug}`).toBe(!draft);
    }
  });

  it('keeps at least one draft in the repository, so the draft rule is exercised', () => {
    expect(entries('stories').some((entry) => entry.draft)).toBe(true);
  });

  it('lists published stories newest first and leaves drafts out of the list', () => {
    const html = page('stories');
    const links = [...html.matchAll(/href="\/stories\/([^"]+)"/g)].map((match) => match[1]);
    expect(links).toEqual(['break-the-silence', 'what-online-trafficking-looks-like', 'why-walk-away']);
  });

  it.each(['index', 'stories', 'stories/why-walk-away', 'news', 'news/push-to-log-off-facebook', 'about', '404'])(
    '%s has a title, description, canonical URL, Open Graph tags and landmarks',
    (route) => {
      const html = page(route);
      expect(html).toMatch(/<title>[^<]+Walkaway[^<]*<\/title>/);
      expect(html).toMatch(/<meta name="description" content="[^"]{20,}"/);
      expect(html).toMatch(/<link rel="canonical" href="http[^"]+"/);
      expect(html).toMatch(/<meta property="og:title" content="[^"]+"/);
      expect(html).toContain('<main id="main"');
      expect(html).toContain('href="#main"');
      expect(html).toMatch(/<nav aria-label="Main"/);
    },
  );

  it('renders a story with its reading time, author and a sized hero image with alt text', () => {
    const html = page('stories/why-walk-away');
    expect(html).toMatch(/\d+ min read/);
    expect(html).toContain('Aware Internet campaign team');
    expect(html).toMatch(/<img[^>]+alt="A crimson door standing open in a dark room\."[^>]*>/);
    const hero = html.match(/<img[^>]+alt="A crimson door[^>]*>/)?.[0] ?? '';
    expect(hero).toMatch(/width="\d+"/);
    expect(hero).toMatch(/height="\d+"/);
    expect(html).toMatch(/<meta property="og:image" content="http[^"]+\.jpe?g"/);
  });

  it('shows a content warning before the body of a story that has one', () => {
    const html = page('stories/what-online-trafficking-looks-like');
    expect(html.indexOf('Content warning')).toBeGreaterThan(-1);
    expect(html.indexOf('Content warning')).toBeLessThan(html.indexOf('How it tends to start'));
  });

  it('does not link out from a news entry whose address is still a placeholder', () => {
    const html = page('news/push-to-log-off-facebook');
    expect(html).toContain('still to be confirmed');
    expect(html).not.toContain('href="https://example.org');
  });

  it('loads nothing from another origin', () => {
    for (const route of ['index', 'stories/why-walk-away', 'news']) {
      const html = page(route);
      const sources = [...html.matchAll(/(?:src|srcset)="([^"]+)"|<link[^>]+href="([^"]+)"/g)]
        .map((match) => match[1] ?? match[2] ?? '')
        .filter((url) => !url.startsWith('/') && !url.startsWith(process.env.SITE_URL ?? 'http://localhost:4321'));
      expect(sources, route).toEqual([]);
    }
  });
});
