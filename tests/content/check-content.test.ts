// `npm run check:content`, in throwaway copies of the project: the real content passes (and is timed); fixture
// content with each kind of mistake an editor can make fails, in one line naming the file and the field.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT, runNode } from '../support/astro-cli.ts';
import { copySite, type SiteCopy } from '../support/site-copy.ts';

const copies: SiteCopy[] = [];
afterAll(() => {
  for (const copy of copies) copy.remove();
});

/** Runs the check in a fresh copy, after `change` has made its mistake in the copy's fixture content. */
async function checkWith(change?: (copy: SiteCopy) => void, contentDir?: string) {
  const copy = copySite();
  copies.push(copy);
  change?.(copy);
  const started = Date.now();
  const result = await runNode(['scripts/check-content.ts'], { cwd: copy.dir, env: contentDir ? { WALKAWAY_CONTENT_DIR: contentDir } : {} });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

const edit = (copy: SiteCopy, file: string, from: string | RegExp, to: string) => {
  const path = copy.path(FIXTURE_CONTENT, file);
  const source = readFileSync(path, 'utf8');
  expect(source).toMatch(from);
  writeFileSync(path, source.replace(from, to));
};

describe('npm run check:content', () => {
  it('passes the real content, built for production, and says how long it took', async () => {
    const { code, output, seconds } = await checkWith();
    expect(output).toContain('npm run check:content: the content is ready');
    expect(code).toBe(0);
    console.info(`check:content on the real content: ${seconds.toFixed(1)} s`);
  }, 0);

  it.each([
    ['a missing title', 'stories/an-ordinary-story.mdx', /^title: .*\n/m, '', /stories\/an-ordinary-story\.mdx: title: /],
    ['an unknown series', 'stories/part-one-of-a-series.mdx', 'series: fixture-series', 'series: no-such-series', /stories\/part-one-of-a-series\.mdx: series: there is no series "no-such-series"/],
    ['a placeholder left in a published entry', 'stories/an-ordinary-story.mdx', /^summary: .*$/m, 'summary: "[Editors: write the summary]"', /stories\/an-ordinary-story\.mdx: summary: still holds an \[Editors: …\] placeholder/],
    ['a missing image', 'stories/an-ordinary-story.mdx', './images/fixture.jpg', './images/not-there.jpg', /stories\/an-ordinary-story\.mdx: hero\.src: the image \.\/images\/not-there\.jpg is not there/],
    // The fixture's image is 1,280 pixels wide: fine for the fixture site, too narrow for a published story.
    ['a hero image too narrow', 'stories/an-ordinary-story.mdx', 'tags: [launch]', 'tags: [launch]', /stories\/an-ordinary-story\.mdx: hero\.src: the image \.\/images\/fixture\.jpg is 1280 pixels wide: use one at least 1600 pixels wide/],
  ])('fails on %s, naming the file and the field', async (_name, file, from, to, expected) => {
    const { code, output } = await checkWith((copy) => edit(copy, file, from, to), FIXTURE_CONTENT);
    expect(output).toMatch(expected);
    expect(output).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  }, 0);
});
