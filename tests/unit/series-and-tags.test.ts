import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inReadingOrder, partsOf, positionIn, type SeriesPart } from '../../src/lib/content/series';
import { missingSeries } from '../../src/lib/content/series-files';
import { byTag } from '../../src/lib/content/tags';

const part = (collection: SeriesPart['collection'], id: string, number: number): SeriesPart => ({
  collection,
  id,
  title: id,
  summary: '',
  part: number,
  file: `content/${collection}/${id}.mdx`,
});

describe('the parts of a series', () => {
  const entry = (id: string, series: string | undefined, number?: number) => ({
    id,
    filePath: `content/stories/${id}.mdx`,
    data: { title: id.toUpperCase(), summary: `About ${id}`, series: series ? { id: series } : undefined, part: number },
  });

  it('takes only the entries of that series, with their titles', () => {
    const parts = partsOf('a', 'stories', [entry('one', 'a', 1), entry('other', 'b', 1), entry('loose', undefined)], (e) => e.data.title);
    expect(parts).toEqual([{ collection: 'stories', id: 'one', title: 'ONE', summary: 'About one', part: 1, file: 'content/stories/one.mdx' }]);
  });

  it('orders them by part number, across collections', () => {
    const ordered = inReadingOrder('a', [part('news', 'third', 3), part('stories', 'first', 1), part('stories', 'second', 2)]);
    expect(ordered.map((each) => each.id)).toEqual(['first', 'second', 'third']);
  });

  it('refuses two entries with the same part number, naming both files', () => {
    expect(() => inReadingOrder('a', [part('stories', 'one', 1), part('news', 'also-one', 1)])).toThrow(
      'Series "a" has two entries numbered part 1: content/stories/one.mdx and content/news/also-one.mdx',
    );
  });

  it('knows the previous and next part, and shows the part number even with gaps', () => {
    const parts = inReadingOrder('a', [part('stories', 'one', 1), part('stories', 'two', 2), part('news', 'five', 5)]);
    expect(positionIn(parts, { collection: 'stories', id: 'two' })).toMatchObject({
      current: { id: 'two' },
      previous: { id: 'one' },
      next: { id: 'five' },
    });
    const last = positionIn(parts, { collection: 'news', id: 'five' });
    expect([last.current.part, last.previous?.id, last.next]).toEqual([5, 'two', undefined]);
    expect(positionIn(parts, { collection: 'stories', id: 'one' }).previous).toBeUndefined();
  });

  it('tells a story from a news entry with the same id', () => {
    const parts = inReadingOrder('a', [part('stories', 'same', 1), part('news', 'same', 2)]);
    expect(positionIn(parts, { collection: 'news', id: 'same' }).current.part).toBe(2);
  });
});

describe('a series named in frontmatter', () => {
  const folder = mkdtempSync(join(tmpdir(), 'walkaway-series-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, 'breaking-silence.mdx'), '---\ntitle: x\n---\n');
  writeFileSync(join(folder, 'plain.md'), '---\ntitle: x\n---\n');

  it('is fine when its file exists, as .mdx or .md', () => {
    expect(missingSeries(folder, 'breaking-silence')).toBeUndefined();
    expect(missingSeries(folder, 'plain')).toBeUndefined();
  });

  it('is explained, with the series there are, when it does not', () => {
    expect(missingSeries(folder, 'breaking-silense', 'content/series')).toBe(
      'there is no series "breaking-silense" (no file content/series/breaking-silense.mdx). Known series: breaking-silence, plain.',
    );
  });

  it('says how to start when there are no series at all', () => {
    const empty = join(folder, 'none');
    mkdirSync(empty);
    expect(missingSeries(empty, 'x')).toContain('No series exist yet');
    expect(missingSeries(join(folder, 'missing-folder'), 'x')).toContain('No series exist yet');
  });
});

describe('tags', () => {
  const story = (id: string, tags: string[]) => ({ id, data: { tags } });

  it('groups entries by tag, tags sorted, entries in the order given', () => {
    const groups = byTag([story('new', ['safety', 'launch']), story('mid', ['launch']), story('old', ['safety'])]);
    expect([...groups.keys()]).toEqual(['launch', 'safety']);
    expect(groups.get('launch')?.map((entry) => entry.id)).toEqual(['new', 'mid']);
    expect(groups.get('safety')?.map((entry) => entry.id)).toEqual(['new', 'old']);
  });

  it('has no group without entries', () => {
    expect(byTag([story('untagged', [])]).size).toBe(0);
  });
});
