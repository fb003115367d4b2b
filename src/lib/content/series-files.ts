import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SERIES_FILE = /\.mdx?$/;

/**
 * Why a series name in frontmatter points nowhere, or undefined when `<folder>/<id>.md(x)` exists.
 * The message names the file that is missing (in `shownAs`, the folder as editors know it) and the series there are,
 * so that an editor can fix a typo at once.
 */
export function missingSeries(folder: string, id: string, shownAs = folder): string | undefined {
  if (['.mdx', '.md'].some((extension) => existsSync(join(folder, `${id}${extension}`)))) return undefined;
  const known = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => SERIES_FILE.test(name))
        .map((name) => name.replace(SERIES_FILE, ''))
        .sort()
    : [];
  return `there is no series "${id}" (no file ${shownAs}/${id}.mdx). ${
    known.length ? `Known series: ${known.join(', ')}.` : `No series exist yet: add ${shownAs}/${id}.mdx first.`
  }`;
}
