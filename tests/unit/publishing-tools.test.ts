import { describe, expect, it } from 'vitest';
import { isoDay, newEntrySource, slugFromTitle } from '../../scripts/lib/new-entry.ts';
import { feedItems } from '../../src/lib/content/feed.ts';
import { robotsTxt } from '../../src/lib/robots.ts';
import { LOCAL_SITE_URL, publicSiteUrlProblem, siteUrl } from '../../src/lib/site-url.ts';

describe('a file name from a title', () => {
  it.each([
    ['What walking away changed for me', 'what-walking-away-changed-for-me'],
    ['Speak Up: their story', 'speak-up-their-story'],
    ['“Ñandú” at the café in Łódź', 'nandu-at-the-cafe-in-lodz'],
    ["Don't look away — 2,000 walkaways!", 'dont-look-away-2-000-walkaways'],
    ['Straße, Ærø & Œuvre', 'strasse-aero-oeuvre'],
    ['  --Spaces   and---hyphens--  ', 'spaces-and-hyphens'],
  ])('%s → %s', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });

  it('is empty when no Latin letters or digits are left', () => {
    expect(slugFromTitle('Русский 🙂')).toBe('');
  });

  it('stops at a word boundary within 80 characters', () => {
    const slug = slugFromTitle('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^(word-)*word$/);
  });
});

describe('a new draft', () => {
  it("dates it today in the editor's time zone", () => {
    expect(isoDay(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('quotes the title so colons and quotes survive, and starts as a draft', () => {
    const source = newEntrySource('story', 'Break the Silence: the “women” who said "no"', '2026-12-01');
    expect(source).toContain(String.raw`title: "Break the Silence: the “women” who said \"no\""`);
    expect(source).toMatch(/^draft: true$/m);
    expect(source).toMatch(/^publishedAt: 2026-12-01$/m);
    expect(source).toContain('src: ./images/placeholder-hero.jpg');
    expect(newEntrySource('news', 'A headline', '2026-12-01')).toContain('url: https://example.org/');
  });
});

describe('feeds', () => {
  it('gives each entry its page on this site, its summary, date and tags', () => {
    const [item] = feedItems(
      'stories',
      [{ slug: 'why', title: 'Why', summary: 'Because.', publishedAt: new Date('2026-11-26'), tags: ['launch'] }],
      'en',
    );
    expect(item).toEqual({ title: 'Why', description: 'Because.', pubDate: new Date('2026-11-26'), link: '/stories/why', categories: ['launch'] });
    expect(feedItems('news', [{ slug: 'n', title: 'N', summary: 'S', publishedAt: new Date() }], 'en')[0]).not.toHaveProperty('categories');
  });

  it("links each entry to its page in the feed's language", () => {
    const [item] = feedItems('news', [{ slug: 'n', title: 'N', summary: 'S', publishedAt: new Date() }], 'es');
    expect(item?.link).toBe('/es/news/n');
  });
});

describe('the site address', () => {
  it('defaults to localhost and keeps only the origin of SITE_URL', () => {
    expect(siteUrl(undefined)).toBe(LOCAL_SITE_URL);
    expect(siteUrl('')).toBe(LOCAL_SITE_URL);
    expect(siteUrl('https://walkaway.example/some/path/')).toBe('https://walkaway.example');
  });

  it.each(['walkaway.example', 'ftp://walkaway.example'])('refuses the malformed SITE_URL %s', (value) => {
    expect(() => siteUrl(value)).toThrow(/SITE_URL must/);
  });

  it.each([
    [undefined, /SITE_URL is not set/],
    ['http://localhost:4321', /local address/],
    ['http://127.0.0.1:8788', /local address/],
    ['http://walkaway.example', /must use https/],
    ['nonsense', /SITE_URL must be a full address/],
  ])('will not deploy with SITE_URL %s', (value, reason) => {
    expect(publicSiteUrlProblem(value)).toMatch(reason);
  });

  it('deploys with a public https address', () => {
    expect(publicSiteUrlProblem('https://walkaway.example')).toBeUndefined();
  });
});

describe('robots.txt', () => {
  it('points at the sitemap by its absolute address and keeps crawlers out of the API and personal links', () => {
    const text = robotsTxt(new URL('https://walkaway.example/sitemap-index.xml'));
    expect(text).toContain('Sitemap: https://walkaway.example/sitemap-index.xml');
    expect(text).toMatch(/^Disallow: \/api\/$/m);
    expect(text).toMatch(/^Disallow: \/updates\/$/m);
  });

  it("keeps the personal links and the embed out in every language's addresses too", () => {
    const text = robotsTxt(new URL('https://walkaway.example/sitemap-index.xml'));
    expect(text).toMatch(/^Disallow: \/es\/updates\/$/m);
    expect(text).toMatch(/^Disallow: \/es\/embed\/$/m);
    expect(text).toMatch(/^Disallow: \/pledge\/confirm$/m);
    expect(text).toMatch(/^Disallow: \/es\/pledge\/withdraw$/m);
  });

  it('keeps every crawler out of a pull request’s preview, which shows drafts', () => {
    expect(robotsTxt(new URL('https://preview.example/sitemap-index.xml'), { preview: true })).toBe('User-agent: *\nDisallow: /\n');
  });
});
