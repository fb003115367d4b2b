// The pieces of the path from a commit to the live site that the workflows call: which checks a pull request needs,
// the content check's findings, the preview comment, and the smoke check after a release.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checksFor } from '../../scripts/lib/checks-for.ts';
import { entryProblems, formatAstroError, readFrontmatter } from '../../scripts/lib/content-problems.ts';
import { PREVIEW_COMMENT_MARKER, previewComment, previewCommentId, previewUrlIn } from '../../scripts/lib/preview-comment.ts';
import { smokeCheck } from '../../scripts/lib/smoke-check.ts';

describe('the checks a pull request needs', () => {
  it('are the content check when only content changed, and every test otherwise', () => {
    expect(checksFor(['content/stories/a.mdx', 'content/stories/images/a.jpg'])).toBe('check:content');
    expect(checksFor(['content/stories/a.mdx', 'src/pages/index.astro'])).toBe('test');
    expect(checksFor(['package.json'])).toBe('test');
    expect(checksFor(['contentious.md'])).toBe('test');
    expect(checksFor([])).toBe('test');
  });
});

describe('the content check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'walkaway-content-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'entry.mdx');
  writeFileSync(join(dir, 'there.jpg'), '');
  const entry = (frontmatter: string, body = 'Words.') => `---\n${frontmatter}\n---\n\n${body}\n`;

  it('reads fields nested by indentation and leaves comments out', () => {
    expect(readFrontmatter(entry('title: "A title" # comment\n# [Editors: not a field]\nhero:\n  src: ./there.jpg\n  alt: Door')).fields).toEqual([
      { field: 'title', value: 'A title' },
      { field: 'hero.src', value: './there.jpg' },
      { field: 'hero.alt', value: 'Door' },
    ]);
  });

  it('names the field of a placeholder left in a published entry, and the body, but not in a draft', () => {
    const published = entry('title: Fine\nhero:\n  alt: "[Editors: describe the image]"', '**[Editors: add the figure]**');
    expect(entryProblems(file, published, 'stories').map(({ field }) => field)).toEqual(['hero.alt', 'body']);
    expect(entryProblems(file, `${published.replace('title: Fine', 'title: Fine\ndraft: true')}`, 'stories')).toEqual([]);
    expect(entryProblems(file, published, 'series').map(({ field }) => field)).toEqual(['hero.alt']);
  });

  it('names a published entry still showing the placeholder image, and any image that is not there', () => {
    expect(entryProblems(file, entry('hero:\n  src: ./images/placeholder-hero.jpg'), 'stories').map(({ field, message }) => [field, message.split(':')[0]])).toEqual([
      ['hero.src', 'the image ./images/placeholder-hero.jpg is not there'],
      ['hero.src', 'is still the placeholder image'],
    ]);
    expect(entryProblems(file, entry('hero:\n  src: ./there.jpg'), 'stories')).toEqual([]);
  });

  it('turns Astro’s report of a refused entry into a line naming the file and the field', () => {
    const report = [
      '[InvalidContentEntryDataError] news → x data does not match collection schema.',
      '',
      '  series: there is no series "nope". Known series: breaking-silence.',
      '',
      '  Hint:',
      '    See https://docs.astro.build/',
      '  Location:',
      '    /project/content/news/x.mdx:0:0',
    ].join('\n');
    expect(formatAstroError(report, '/project')).toEqual(['content/news/x.mdx: series: there is no series "nope". Known series: breaking-silence.']);
    expect(formatAstroError('all good', '/project')).toBeUndefined();
  });
});

describe('the preview comment', () => {
  it('finds the preview’s address in what wrangler printed, the alias first', () => {
    const output = 'Uploaded walkaway-preview\nVersion Preview URL: https://abc123-walkaway-preview.acct.workers.dev\nVersion Preview Alias URL: https://pr-42-walkaway-preview.acct.workers.dev\n';
    expect(previewUrlIn(output)).toBe('https://pr-42-walkaway-preview.acct.workers.dev');
    expect(previewUrlIn('Version Preview URL: https://abc-walkaway-preview.acct.workers.dev')).toBe('https://abc-walkaway-preview.acct.workers.dev');
    expect(previewUrlIn('nothing')).toBeUndefined();
  });

  it('is one comment, found again by its marker and updated on each push', () => {
    const body = previewComment('https://pr-42.example.workers.dev', '0123456789abcdef');
    expect(body.startsWith(PREVIEW_COMMENT_MARKER)).toBe(true);
    expect(body).toContain('https://pr-42.example.workers.dev');
    expect(body).toContain('0123456');
    expect(previewCommentId([{ id: 1, body: 'Looks good' }, { id: 2, body }, { id: 3, body: null }])).toBe(2);
    expect(previewCommentId([{ id: 1, body: 'Looks good' }])).toBeUndefined();
  });
});

describe('the smoke check after a release', () => {
  const site = (pages: Record<string, Response | Error>) =>
    (async (input: string | URL | Request) => {
      const answer = pages[new URL(String(input)).pathname] ?? new Response('not found', { status: 404 });
      if (answer instanceof Error) throw answer;
      return answer.clone();
    }) as typeof fetch;
  const home = new Response('<a href="/stories/newest">Newest</a>');

  it('passes when the home page, its newest story and the tally answer', async () => {
    const results = await smokeCheck('https://walkaway.example', site({ '/': home, '/stories/newest': new Response('ok'), '/api/tally': Response.json({ total: 7 }) }));
    expect(results.map(({ problem }) => problem)).toEqual([undefined, undefined, undefined]);
  });

  it('says what failed and how, for each check', async () => {
    const results = await smokeCheck(
      'https://walkaway.example',
      site({ '/': new Response('no stories'), '/api/tally': new Error('getaddrinfo ENOTFOUND walkaway.example') }),
    );
    expect(results).toEqual([
      { what: 'the home page', problem: undefined },
      { what: 'the newest story', problem: 'the home page links to no story' },
      { what: '/api/tally', problem: 'could not be fetched: getaddrinfo ENOTFOUND walkaway.example' },
    ]);
    const broken = await smokeCheck('https://walkaway.example', site({ '/': home, '/stories/newest': new Response('', { status: 500 }), '/api/tally': Response.json({ total: 'x' }) }));
    expect(broken.map(({ problem }) => problem)).toEqual([undefined, 'answered 500', 'answered without a whole-number total']);
  });
});
