import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inReadingOrder, partPath, partsOf, positionIn, type SeriesPart } from '../../src/lib/content/series.ts';
import { missingSeries } from '../../src/lib/content/series-files.ts';
import { byTag } from '../../src/lib/content/tags.ts';

const part = (collection: SeriesPart['collection'], slug: string, number: number): SeriesPart => ({
  collection,
  slug,
  lang: 'en',
  title: slug,
  summary: '',
  part: number,
  file: `content/${collection}/${slug}.mdx`,
});

describe('the parts of a series', () => {
  const entry = (slug: string, series: string | undefined, number?: number, lang: 'en' | 'es' = 'en') => ({
    slug,
    lang,
    entry: {
      id: lang === 'en' ? slug : `${lang}/${slug}`,
      filePath: `content/stories/${lang === 'en' ? '' : `${lang}/`}${slug}.mdx`,
      data: { title: slug.toUpperCase(), summary: `About ${slug}`, series: series ? { id: series } : undefined, part: number },
    },
  });

  it('takes only the entries of that series, with their titles', () => {
    const parts = partsOf('a', 'stories', [entry('one', 'a', 1), entry('other', 'b', 1), entry('loose', undefined)], (e) => e.entry.data.title);
    expect(parts).toEqual([
      { collection: 'stories', slug: 'one', lang: 'en', title: 'ONE', summary: 'About one', part: 1, file: 'content/stories/one.mdx' },
    ]);
  });

  it("keeps a translated part's slug and language, so it links to the same page in every language", () => {
    const [spanish] = partsOf('a', 'stories', [entry('one', 'a', 1, 'es')], (e) => e.entry.data.title);
    expect(spanish).toMatchObject({ slug: 'one', lang: 'es', file: 'content/stories/es/one.mdx' });
    expect(partPath(spanish!, 'es')).toBe('/es/stories/one');
    expect(partPath(spanish!, 'en')).toBe('/stories/one');
  });

  it('orders them by part number, across collections', () => {
    const ordered = inReadingOrder('a', [part('news', 'third', 3), part('stories', 'first', 1), part('stories', 'second', 2)]);
    expect(ordered.map((each) => each.slug)).toEqual(['first', 'second', 'third']);
  });

  it('refuses two entries with the same part number, naming both files', () => {
    expect(() => inReadingOrder('a', [part('stories', 'one', 1), part('news', 'also-one', 1)])).toThrow(
      'Series "a" has two entries numbered part 1: content/stories/one.mdx and content/news/also-one.mdx',
    );
  });

  it('knows the previous and next part, and shows the part number even with gaps', () => {
    const parts = inReadingOrder('a', [part('stories', 'one', 1), part('stories', 'two', 2), part('news', 'five', 5)]);
    expect(positionIn(parts, { collection: 'stories', slug: 'two' })).toMatchObject({
      current: { slug: 'two' },
      previous: { slug: 'one' },
      next: { slug: 'five' },
    });
    const last = positionIn(parts, { collection: 'news', slug: 'five' });
    expect([last.current.part, last.previous?.slug, last.next]).toEqual([5, 'two', undefined]);
    expect(positionIn(parts, { collection: 'stories', slug: 'one' }).previous).toBeUndefined();
  });

  it('tells a story from a news entry with the same id', () => {
    const parts = inReadingOrder('a', [part('stories', 'same', 1), part('news', 'same', 2)]);
    expect(positionIn(parts, { collection: 'news', slug: 'same' }).current.part).toBe(2);
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
  const tagsOf = (entry: ReturnType<typeof story>) => entry.data.tags;

  it('groups entries by tag, tags sorted, entries in the order given', () => {
    const groups = byTag([story('new', ['safety', 'launch']), story('mid', ['launch']), story('old', ['safety'])], tagsOf);
    expect([...groups.keys()]).toEqual(['launch', 'safety']);
    expect(groups.get('launch')?.map((entry) => entry.id)).toEqual(['new', 'mid']);
    expect(groups.get('safety')?.map((entry) => entry.id)).toEqual(['new', 'old']);
  });

  it('has no group without entries', () => {
    expect(byTag([story('untagged', [])], tagsOf).size).toBe(0);
  });
});
