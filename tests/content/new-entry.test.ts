// `npm run new` as an editor uses it, on fixture content in a throwaway copy of the project: create, refuse to
// overwrite or to guess, then one build in which one new entry is still a draft and the other is published.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../scripts/lib/new-entry.ts';
import { FIXTURE_CONTENT, runAstro, runNode } from '../support/astro-cli.ts';
import { builtSite } from '../support/built-site.ts';
import { copySite, type SiteCopy } from '../support/site-copy.ts';

const STORY_TITLE = 'Zoë’s “first” walkaway: why I logged off';
const STORY = `${FIXTURE_CONTENT}/stories/zoes-first-walkaway-why-i-logged-off.mdx`;
const PUBLISHED = `${FIXTURE_CONTENT}/stories/a-story-published-at-once.mdx`;
const NEWS = `${FIXTURE_CONTENT}/news/a-paper-covers-the-pledge.mdx`;
const env = { WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT };
let copy: SiteCopy;
const newEntry = (...args: string[]) => runNode(['scripts/new-entry.ts', ...args], { cwd: copy.dir, env });

beforeAll(() => {
  copy = copySite();
});
afterAll(() => copy.remove());

describe('npm run new', () => {
  it('creates a story draft named after the title, dated today, with the placeholder image beside it', async () => {
    const { code, output } = await newEntry('story', STORY_TITLE);
    expect(code, output).toBe(0);
    expect(output).toContain(STORY);
    expect(output).toContain('http://localhost:4321/stories/zoes-first-walkaway-why-i-logged-off');
    const source = readFileSync(copy.path(STORY), 'utf8');
    expect(source).toContain(`title: ${JSON.stringify(STORY_TITLE)}`);
    expect(source).toMatch(new RegExp(`^publishedAt: ${isoDay(new Date())}$`, 'm'));
    expect(source).toMatch(/^draft: true$/m);
    expect(existsSync(copy.path(FIXTURE_CONTENT, 'stories/images/placeholder-hero.jpg'))).toBe(true);
  });

  it('creates a news draft with a placeholder address', async () => {
    const { code, output } = await newEntry('news', 'A paper covers the pledge');
    expect(code, output).toBe(0);
    expect(output).toContain(NEWS);
    expect(readFileSync(copy.path(NEWS), 'utf8')).toContain('url: https://example.org/');
  });

  it('refuses to overwrite an existing file, changing nothing', async () => {
    const edited = `${readFileSync(copy.path(NEWS), 'utf8')}\nA paragraph an editor has written.\n`;
    writeFileSync(copy.path(NEWS), edited);
    const { code, output } = await newEntry('news', 'A paper covers the pledge!');
    expect(code).toBe(1);
    expect(output).toContain(`${NEWS} already exists`);
    expect(readFileSync(copy.path(NEWS), 'utf8')).toBe(edited);
  });

  it.each([
    [['film', 'A title'], 2, 'story or news'],
    [['story'], 2, 'Give the title'],
    [['story', 'Two', 'arguments'], 2, 'Give the title'],
    [['story', 'Русский'], 1, 'no letters or digits'],
  ])('refuses %j with a reason', async (args, exitCode, reason) => {
    const { code, output } = await newEntry(...args);
    expect(code).toBe(exitCode);
    expect(output).toContain(reason);
  });
});

describe('new entries in a build', () => {
  let build: Awaited<ReturnType<typeof runAstro>>;

  beforeAll(async () => {
    expect((await newEntry('story', 'A story published at once')).code).toBe(0);
    writeFileSync(copy.path(PUBLISHED), readFileSync(copy.path(PUBLISHED), 'utf8').replace(/^draft: true\n/m, ''));
    build = await runAstro(['build'], { cwd: copy.dir, env });
  }, 0);

  it('build as they are; the build warns once that SITE_URL is unset', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output.match(/SITE_URL is not set/g)).toHaveLength(1);
  });

  it('keep a draft off the published site', () => {
    expect(builtSite(copy.path('dist')).exists('stories/zoes-first-walkaway-why-i-logged-off.html')).toBe(false);
  });

  it('publish an entry with its page, feed item and share image once `draft: true` is deleted', () => {
    const site = builtSite(copy.path('dist'));
    expect(site.page('stories/a-story-published-at-once')).toContain('A story published at once');
    expect(site.read('stories/rss.xml')).toContain('http://localhost:4321/stories/a-story-published-at-once');
    expect(site.exists('og/stories/a-story-published-at-once.png')).toBe(true);
  });
});
