// `npm run new` as an editor uses it, in a throwaway copy of the project: create, refuse to overwrite, build as a
// draft, publish.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../scripts/lib/new-entry';
import { runAstro, runNode } from '../support/astro-cli';
import { builtSite } from '../support/built-site';
import { copySite, type SiteCopy } from '../support/site-copy';

const STORY_TITLE = 'Zoë’s “first” walkaway: why I logged off';
const STORY = 'content/stories/zoes-first-walkaway-why-i-logged-off.mdx';
const NEWS = 'content/news/a-paper-covers-the-pledge.mdx';
let copy: SiteCopy;
const newEntry = (...args: string[]) => runNode(['scripts/new-entry.ts', ...args], { cwd: copy.dir });

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
    expect(existsSync(copy.path('content/stories/images/placeholder-hero.jpg'))).toBe(true);
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

describe('a new draft', () => {
  it('builds as it is, kept off the published site; the build warns once that SITE_URL is unset', async () => {
    const { code, output } = await runAstro(['build'], { cwd: copy.dir });
    expect(code, output).toBe(0);
    expect(output.match(/SITE_URL is not set/g)).toHaveLength(1);
    expect(builtSite(copy.path('dist')).exists('stories/zoes-first-walkaway-why-i-logged-off.html')).toBe(false);
  });

  it('is published with its page, feed item and share image once `draft: true` is deleted', async () => {
    writeFileSync(copy.path(STORY), readFileSync(copy.path(STORY), 'utf8').replace(/^draft: true\n/m, ''));
    const { code, output } = await runAstro(['build'], { cwd: copy.dir });
    expect(code, output).toBe(0);
    const site = builtSite(copy.path('dist'));
    expect(site.page('stories/zoes-first-walkaway-why-i-logged-off')).toContain('Zoë’s “first” walkaway: why I logged off');
    expect(site.read('stories/rss.xml')).toContain('http://localhost:4321/stories/zoes-first-walkaway-why-i-logged-off');
    expect(site.exists('og/stories/zoes-first-walkaway-why-i-logged-off.png')).toBe(true);
  });
});
