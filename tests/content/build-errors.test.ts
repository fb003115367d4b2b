// A mistake in an editor's frontmatter must stop the build and `astro check`, saying which file and which field.
// Each case breaks one fixture file in a throwaway copy of the project.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT, runAstro } from '../support/astro-cli';
import { copySite, type SiteCopy } from '../support/site-copy';

let copy: SiteCopy | undefined;
afterEach(() => copy?.remove());

/** A copy of the site, building the fixture content, with `file` (under the fixture content) changed by `edit`. */
function siteWith(file: string, edit: (source: string) => string) {
  copy = copySite();
  const path = copy.path(FIXTURE_CONTENT, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  const options = { cwd: copy.dir, env: { WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } };
  return { build: () => runAstro(['build'], options), check: () => runAstro(['check'], options) };
}

describe('a frontmatter mistake', () => {
  it('fails the build, naming the file and the field', async () => {
    const site = siteWith('stories/an-ordinary-story.mdx', (source) => source.replace(/^ {2}alt: .*\n/m, ''));
    const { code, output } = await site.build();
    expect(code).not.toBe(0);
    expect(output).toContain(`${FIXTURE_CONTENT}/stories/an-ordinary-story.mdx`);
    expect(output).toMatch(/hero\.alt/);
  });

  it('fails astro check too', async () => {
    const site = siteWith('stories/an-ordinary-story.mdx', (source) =>
      source.replace(/^summary: .*$/m, `summary: ${'x'.repeat(201)}`),
    );
    const { code, output } = await site.check();
    expect(code).not.toBe(0);
    expect(output).toContain(`${FIXTURE_CONTENT}/stories/an-ordinary-story.mdx`);
    expect(output).toContain('summary must be at most 200 characters');
  });
});

describe('an unknown series', () => {
  const misspelt = () =>
    siteWith('news/an-article-with-a-placeholder-address.mdx', (source) =>
      source.replace('series: fixture-series', 'series: fixture-serie'),
    );

  it.each(['build', 'check'] as const)('fails astro %s, naming the file, the field and the series there are', async (command) => {
    const { code, output } = await misspelt()[command]();
    expect(code).not.toBe(0);
    expect(output).toContain(`${FIXTURE_CONTENT}/news/an-article-with-a-placeholder-address.mdx`);
    expect(output).toContain('series');
    expect(output).toContain('there is no series "fixture-serie"');
    expect(output).toContain('Known series: a-series-with-no-parts-yet, fixture-series.');
  });
});

describe('two parts with the same number', () => {
  it('fail the build, naming both files', async () => {
    const site = siteWith('stories/part-two-of-a-series.mdx', (source) => source.replace(/^part: 2$/m, 'part: 1'));
    const { code, output } = await site.build();
    expect(code).not.toBe(0);
    const message = output.match(/Series "fixture-series" has two entries numbered part 1: .*/)?.[0];
    expect(message).toContain(`${FIXTURE_CONTENT}/stories/part-one-of-a-series.mdx`);
    expect(message).toContain(`${FIXTURE_CONTENT}/stories/part-two-of-a-series.mdx`);
  });
});
