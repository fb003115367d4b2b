// Reads a built site (dist/client) and the content it was built from, independently of the site's own code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ContentFile {
  /** The entry's id: its file's path in the collection (`why` or, for a translation, `es/why`). */
  id: string;
  /** Its page's address within the collection, the same for every language version. */
  slug: string;
  /** `en`, or the language folder a translation is in. */
  lang: string;
  draft: boolean;
  /** The first value of a top-level frontmatter field, as written. */
  field(name: string): string | undefined;
  /** Everything after the frontmatter, as written. */
  body: string;
}

function filesUnder(folder: string, extension: RegExp): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => extension.test(file))
    .map((file) => join(folder, file));
}

/** Every file a build wrote (client and server), with its bytes read as text: to search for what must not be there. */
export function builtFiles(distDir: string): Array<{ file: string; text: string }> {
  return filesUnder(distDir, /./).flatMap((file) => {
    try {
      return [{ file: relative(distDir, file), text: readFileSync(file, 'utf8') }];
    } catch {
      return []; // a folder
    }
  });
}

/** The entries of one collection in a content folder, read straight from their frontmatter. */
export function contentFiles(contentDir: string, collection: string): ContentFile[] {
  const folder = join(contentDir, collection);
  return filesUnder(folder, /\.mdx?$/).map((path) => {
    const [, frontmatter = '', ...rest] = readFileSync(path, 'utf8').split(/^---$/m);
    const field = (name: string) => frontmatter.match(new RegExp(`^${name}:\\s*(.*?)\\s*$`, 'm'))?.[1];
    const id = relative(folder, path).replace(/\.mdx?$/, '');
    const [, lang = 'en', slug = id] = id.match(/^([a-z]{2})\/(.+)$/) ?? [];
    return { id, slug, lang, draft: field('draft') === 'true', field, body: rest.join('---') };
  });
}

/**
 * Each entry's page once per slug, whatever languages it is written in: `published` when any version of it is. A slug
 * has a page in every language the site has (in a translation where there is one, otherwise as written).
 */
export function pagesOf(entries: readonly ContentFile[]): Array<{ slug: string; published: boolean }> {
  const slugs = [...new Set(entries.map((entry) => entry.slug))];
  return slugs.map((slug) => ({ slug, published: entries.some((entry) => entry.slug === slug && !entry.draft) }));
}

export interface BuiltSite {
  client: string;
  exists(path: string): boolean;
  read(path: string): string;
  bytes(path: string): Buffer;
  /** The HTML of a page by its route, e.g. `stories/some-story` or `index`. */
  page(route: string): string;
  /** Every prerendered page's route. */
  routes(): string[];
  /** The languages built: `en` (unprefixed) and every language with a home page of its own (`es.html`). */
  languages(): string[];
}

/** A route in a language: `stories/x` is `es/stories/x` in Spanish, and `index` is `es`. */
export const routeIn = (lang: string, route: string) => (lang === 'en' ? route : route === 'index' ? lang : `${lang}/${route}`);

/** The address of a route, as pages link to it: `index` is `/`, `es` is `/es`. */
export const addressOf = (route: string) => (route === 'index' ? '/' : `/${route}`);

export function builtSite(distDir: string): BuiltSite {
  const client = join(distDir, 'client');
  const read = (path: string) => readFileSync(join(client, path), 'utf8');
  return {
    client,
    exists: (path) => existsSync(join(client, path)),
    read,
    bytes: (path) => readFileSync(join(client, path)),
    page: (route) => read(`${route}.html`),
    routes: () => filesUnder(client, /\.html$/).map((file) => relative(client, file).replace(/\.html$/, '')),
    languages: () => [
      'en',
      ...readdirSync(client, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && /^[a-z]{2}$/.test(entry.name) && existsSync(join(client, `${entry.name}.html`)))
        .map((entry) => entry.name),
    ],
  };
}

/** The content of a `<meta>` in the page's head, by its property or name. */
export function meta(html: string, key: string): string | undefined {
  const tag = html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`));
  return tag?.[1];
}

/** Width and height from a PNG's header; undefined for anything that is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The `<item>`s of an RSS document: title, link and guid as written. */
export function rssItems(xml: string) {
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item]) => ({
    title: item!.match(/<title>([\s\S]*?)<\/title>/)?.[1],
    link: item!.match(/<link>([\s\S]*?)<\/link>/)?.[1],
  }));
}

/** The addresses a sitemap lists. */
export function sitemapUrls(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, url]) => url!);
}
