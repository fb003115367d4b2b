// The content check's own findings (scripts/check-content.ts), each a line naming the file and the field. What the
// schemas refuse is Astro's to say (formatAstroError turns its report into such a line).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sharp from 'sharp';

export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export const describeProblem = ({ file, field, message }: ContentProblem) => `${file}: ${field}: ${message}`;

const PLACEHOLDER = '[Editors:';
const PLACEHOLDER_HERO = /placeholder-hero\.[a-z]+$/;
const LOCAL_IMAGE = /^\.{1,2}\/\S+\.(?:jpe?g|png|webp|avif|gif|svg)$/i;

interface Frontmatter {
  /** Each value with its dotted field name (`hero.src`), YAML comments left out. */
  fields: Array<{ field: string; value: string }>;
  body: string;
}

/** The frontmatter's fields, one per line as editors write them (`key: value`, nested by indentation), and the body. */
export function readFrontmatter(source: string): Frontmatter {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) return { fields: [], body: source };
  const fields: Frontmatter['fields'] = [];
  const parents: Array<{ indent: number; key: string }> = [];
  for (const line of match[1]!.split(/\r?\n/)) {
    const entry = /^(\s*)(?:- )?([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!entry || line.trimStart().startsWith('#')) continue;
    const [, spaces, key, rawValue] = entry as unknown as [string, string, string, string];
    while (parents.length > 0 && parents.at(-1)!.indent >= spaces.length) parents.pop();
    const field = [...parents.map((parent) => parent.key), key].join('.');
    const value = rawValue.replace(/\s+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
    if (value === '') parents.push({ indent: spaces.length, key });
    else fields.push({ field, value });
  }
  return { fields, body: match[2]! };
}

/**
 * What an entry still holds that must not go live, or is missing: in a published story or news entry, an
 * `[Editors: …]` placeholder (in a field or the body) or the placeholder hero image; in any entry, a local image
 * that is not there. A series has no draft flag, so only its fields are checked for placeholders.
 */
export function entryProblems(file: string, source: string, kind: 'stories' | 'news' | 'series'): ContentProblem[] {
  const { fields, body } = readFrontmatter(source);
  const draft = fields.some(({ field, value }) => field === 'draft' && value === 'true');
  const problems: ContentProblem[] = [];
  for (const { field, value } of fields) {
    if (LOCAL_IMAGE.test(value) && !existsSync(resolve(dirname(file), value))) {
      problems.push({ file, field, message: `the image ${value} is not there: add the file next to the entry, or correct the path` });
    }
    if (draft) continue;
    if (value.includes(PLACEHOLDER)) problems.push({ file, field, message: 'still holds an [Editors: …] placeholder: replace it, or keep the entry a draft (draft: true)' });
    if (PLACEHOLDER_HERO.test(value)) problems.push({ file, field, message: 'is still the placeholder image: choose the entry’s own, or keep it a draft' });
  }
  if (!draft && kind !== 'series' && body.includes(PLACEHOLDER)) {
    problems.push({ file, field: 'body', message: 'still holds an [Editors: …] placeholder: replace it, or keep the entry a draft (draft: true)' });
  }
  return problems;
}

/** How wide a story's hero image must be at least, as the editors' guide asks: the build makes the smaller copies. */
export const HERO_MIN_WIDTH = 1600;

/** A published entry's hero image narrower than HERO_MIN_WIDTH, which would look blurred on large screens. */
export async function heroSizeProblems(file: string, source: string): Promise<ContentProblem[]> {
  const { fields } = readFrontmatter(source);
  if (fields.some(({ field, value }) => field === 'draft' && value === 'true')) return [];
  const hero = fields.find(({ field, value }) => field === 'hero.src' && LOCAL_IMAGE.test(value));
  const path = hero && resolve(dirname(file), hero.value);
  if (!hero || !path || !existsSync(path)) return [];
  const { width } = await sharp(path).metadata();
  if (width !== undefined && width >= HERO_MIN_WIDTH) return [];
  return [{ file, field: 'hero.src', message: `the image ${hero.value} is ${width ?? 'of unknown'} pixels wide: use one at least ${HERO_MIN_WIDTH} pixels wide` }];
}

/**
 * Astro's report of an entry its schema refuses (InvalidContentEntryDataError and the like), as one line per field:
 * the file (relative to `root`), the field and the schema's message. Undefined when the output holds no such report.
 */
export function formatAstroError(output: string, root: string): string[] | undefined {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const location = /Location:\s*\n\s*(\S+?)(?::\d+:\d+)?\s*$/m.exec(plain)?.[1];
  const header = /^\[(\w+Error)\] (.*)$/m.exec(plain);
  if (!header) return undefined;
  const file = location ? location.replace(`${root}/`, '') : '(unknown file)';
  const details = plain
    .slice(header.index + header[0].length)
    .split(/\n\s*Hint:|\n\s*Error reference:|\n\s*Location:/)[0]!
    .split('\n')
    .map((line) => /^\s+(\S[^:]*?): (.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null);
  if (details.length === 0) return [`${file}: ${header[2]}`];
  return details.map(([, field, message]) => `${file}: ${field}: ${message}`);
}
