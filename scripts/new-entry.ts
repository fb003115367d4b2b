// `npm run new -- story "Title"` / `npm run new -- news "Title"`: starts a draft in content/ with every required
// field filled in, so that it builds as it is and the editor only replaces the placeholders.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { contentPath } from '../src/lib/content/content-root.ts';
import { COLLECTION_OF, type EntryKind, ensurePlaceholderHero, isoDay, newEntrySource, slugFromTitle } from './lib/new-entry.ts';

const USAGE = `Usage: npm run new -- <story|news> "Title"

Creates content/stories/<name>.mdx or content/news/<name>.mdx as a draft, named after the title.
Example: npm run new -- story "What walking away changed for me"`;

const root = fileURLToPath(new URL('..', import.meta.url));

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [kind, title, ...extra] = positionals;
if (kind !== 'story' && kind !== 'news') fail(`Say what to create, story or news.\n\n${USAGE}`, 2);
if (!title?.trim() || extra.length) fail(`Give the title in quotes, as one argument.\n\n${USAGE}`, 2);

const slug = slugFromTitle(title);
if (!slug) fail(`"${title}" has no letters or digits to make a file name from: add a few words in Latin letters.`);

const collection = COLLECTION_OF[kind as EntryKind];
const file = contentPath(root, collection, `${slug}.mdx`);
const shown = relative(root, file);
if (existsSync(file)) fail(`${shown} already exists, and nothing was changed. Choose another title, or edit that file.`);

if (kind === 'story') ensurePlaceholderHero(root, contentPath(root, 'stories', 'images'));
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, newEntrySource(kind as EntryKind, title.trim(), isoDay(new Date())), { flag: 'wx' });

console.log(`Created ${shown}, a draft.
Preview it with \`npm run dev\`, then open http://localhost:4321/${collection}/${slug}
Replace every [Editors: …] placeholder, then delete the line \`draft: true\` to publish.`);
