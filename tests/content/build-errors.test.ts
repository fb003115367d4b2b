// A mistake in an editor's frontmatter stops `astro build` and `astro check`, saying which file and which field. The
// messages for each kind of mistake are the schemas' own, asserted in tests/unit/content-schemas.test.ts and
// tests/unit/series-and-tags.test.ts; here one mistake is made in a throwaway copy and both commands must refuse it.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT, runAstro } from '../support/astro-cli.ts';
import { copySite, type SiteCopy } from '../support/site-copy.ts';

const BROKEN = `${FIXTURE_CONTENT}/news/an-article-with-a-placeholder-address.mdx`;
let copy: SiteCopy;

beforeAll(() => {
  copy = copySite();
  const file = copy.path(BROKEN);
  const source = readFileSync(file, 'utf8');
  expect(source).toContain('series: fixture-series');
  writeFileSync(file, source.replace('series: fixture-series', 'series: fixture-serie'));
});
afterAll(() => copy.remove());

describe('a series misspelt in frontmatter', () => {
  // Each command waits for its process to end, however long a busy machine takes: no clock decides.
  it.each(['build', 'check'] as const)('fails astro %s, naming the file, the field and the series there are', async (command) => {
    const { code, output } = await runAstro([command], { cwd: copy.dir, env: { WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } });
    expect(code).not.toBe(0);
    expect(output).toContain(BROKEN);
    expect(output).toContain('series');
    expect(output).toContain('there is no series "fixture-serie"');
    expect(output).toContain('Known series: a-series-with-no-parts-yet, fixture-series.');
  }, 0);
});

describe('a partner file whose origin would add to the frame policy', () => {
  const PARTNER = `${FIXTURE_CONTENT}/partners/a-careless-partner.yaml`;
  let partnerCopy: SiteCopy;
  beforeAll(() => {
    partnerCopy = copySite();
    writeFileSync(
      partnerCopy.path(PARTNER),
      'name: A careless partner\nwebsite: https://careless.example.org\norigins:\n  - "https://careless.example.org; script-src *"\n',
    );
  });
  afterAll(() => partnerCopy.remove());

  it('fails astro build, naming the file, the field and the origin', async () => {
    const { code, output } = await runAstro(['build'], { cwd: partnerCopy.dir, env: { WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } });
    expect(code).not.toBe(0);
    expect(output).toContain('partners/a-careless-partner.yaml');
    expect(output).toContain('origins');
    expect(output).toContain('"https://careless.example.org; script-src *" is not an origin');
  }, 0);
});

describe('milestones out of order', () => {
  const MILESTONES = `${FIXTURE_CONTENT}/campaign/milestones.yaml`;
  let milestonesCopy: SiteCopy;
  beforeAll(() => {
    milestonesCopy = copySite();
    writeFileSync(milestonesCopy.path(MILESTONES), '- value: 100\n- value: 50\n');
  });
  afterAll(() => milestonesCopy.remove());

  it('fails astro build, naming the file and the values out of order', async () => {
    const { code, output } = await runAstro(['build'], { cwd: milestonesCopy.dir, env: { WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } });
    expect(code).not.toBe(0);
    expect(output).toContain(`${MILESTONES}: milestones must be in ascending order, each above the one before: 50 comes after 100`);
  }, 0);
});
