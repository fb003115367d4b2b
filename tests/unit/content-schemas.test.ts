import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { type ImageHelper, newsSchema, type SeriesReference, seriesSchema, storySchema } from '../../src/lib/content/schemas.ts';

// Stand in for Astro's image() and reference('series') helpers, which only exist inside the content layer.
const fakeImage = (() => z.string()) as unknown as ImageHelper;
const fakeSeries = z.string().transform((id) => ({ collection: 'series' as const, id })) as unknown as SeriesReference;
const stories = storySchema({ image: fakeImage, series: fakeSeries });
const news = newsSchema({ series: fakeSeries });
const series = seriesSchema({ image: fakeImage });

const validStory = {
  title: 'Why we walk away',
  summary: 'A short summary.',
  publishedAt: '2026-11-26',
  author: 'Campaign team',
  tags: ['launch'],
  hero: { src: './images/hero.jpg', alt: 'An open door.' },
};

const validNews = {
  headline: 'Push to log off Facebook',
  outlet: 'A newspaper',
  url: 'https://news.test/article',
  publishedAt: '2026-11-26',
  summary: 'What the article says.',
};

function issuesOf(result: { success: boolean; error?: z.ZodError }) {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('story frontmatter', () => {
  it('accepts a complete story, turning dates into Dates and defaulting draft to false', () => {
    const story = stories.parse(validStory);
    expect(story.publishedAt).toEqual(new Date('2026-11-26'));
    expect(story.draft).toBe(false);
    expect(story.contentWarning).toBeUndefined();
  });

  it.each(['title', 'summary', 'author'])('says %s is required, whether it is missing or blank', (field) => {
    const { [field as keyof typeof validStory]: _omitted, ...without } = validStory;
    const message = `${field} is required`;
    expect(issuesOf(stories.safeParse(without))).toEqual([{ path: field, message }]);
    expect(issuesOf(stories.safeParse({ ...validStory, [field]: '  ' }))).toEqual([{ path: field, message }]);
  });

  it('refuses a hero image without alt text, naming hero.alt', () => {
    const { alt: _alt, ...heroWithoutAlt } = validStory.hero;
    expect(issuesOf(stories.safeParse({ ...validStory, hero: heroWithoutAlt }))).toEqual([
      { path: 'hero.alt', message: expect.stringContaining('hero.alt is required') },
    ]);
  });

  it('takes a story without a hero image, as a reader\'s story may be published', () => {
    const { hero: _hero, ...withoutHero } = validStory;
    expect(stories.parse(withoutHero).hero).toBeUndefined();
  });

  it('refuses blank alt text', () => {
    expect(issuesOf(stories.safeParse({ ...validStory, hero: { ...validStory.hero, alt: '   ' } }))[0]?.path).toBe(
      'hero.alt',
    );
  });

  it('refuses a summary over 200 characters and accepts exactly 200', () => {
    expect(stories.safeParse({ ...validStory, summary: 'x'.repeat(200) }).success).toBe(true);
    expect(issuesOf(stories.safeParse({ ...validStory, summary: 'x'.repeat(201) }))).toEqual([
      { path: 'summary', message: 'summary must be at most 200 characters' },
    ]);
  });

  it('refuses unknown fields so typos do not pass silently', () => {
    expect(issuesOf(stories.safeParse({ ...validStory, contentWarnings: 'typo' }))[0]?.message).toMatch(
      /contentWarnings/,
    );
  });

  it('refuses a date that is not a date', () => {
    expect(issuesOf(stories.safeParse({ ...validStory, publishedAt: 'last Thursday' }))[0]?.path).toBe('publishedAt');
  });

  it('refuses tags that are not lowercase-hyphenated', () => {
    expect(issuesOf(stories.safeParse({ ...validStory, tags: ['Sex Trafficking'] }))[0]?.path).toBe('tags.0');
  });
});

describe('news frontmatter', () => {
  it('accepts a complete entry with a quote', () => {
    const entry = news.parse({ ...validNews, quote: { text: 'Words.', speaker: 'A supporter' } });
    expect(entry.quote?.speaker).toBe('A supporter');
    expect(entry.draft).toBe(false);
  });

  it.each(['http://news.test/article', 'ftp://news.test/article', 'news.test/article', 'javascript:alert(1)'])(
    'refuses the non-https url %s',
    (url) => {
      expect(issuesOf(news.safeParse({ ...validNews, url }))).toEqual([
        { path: 'url', message: 'url must be a full https:// address' },
      ]);
    },
  );

  it('refuses a quote without its speaker', () => {
    expect(issuesOf(news.safeParse({ ...validNews, quote: { text: 'Words.' } }))[0]?.path).toBe('quote.speaker');
  });
});

describe('series in frontmatter', () => {
  it.each([
    ['story', stories, validStory],
    ['news entry', news, validNews],
  ] as const)('places a %s in a series with its part number', (_kind, schema, valid) => {
    expect(schema.parse({ ...valid, series: 'breaking-silence', part: 2 })).toMatchObject({
      series: { collection: 'series', id: 'breaking-silence' },
      part: 2,
    });
  });

  it('needs a part with a series, and a series with a part', () => {
    expect(issuesOf(stories.safeParse({ ...validStory, series: 'breaking-silence' }))).toEqual([
      { path: 'part', message: 'part is required with series: give the part number (1, 2, 3…)' },
    ]);
    expect(issuesOf(news.safeParse({ ...validNews, part: 1 }))).toEqual([
      { path: 'series', message: 'series is required with part: name the series this is part of' },
    ]);
  });

  it.each([0, -1, 1.5, '2'])('refuses the part number %s', (part) => {
    expect(issuesOf(stories.safeParse({ ...validStory, series: 'a-series', part }))[0]?.path).toBe('part');
  });
});

describe('series frontmatter', () => {
  it('takes a title, a description and an optional hero', () => {
    expect(series.parse({ title: 'Breaking Silence', description: 'A series.' }).hero).toBeUndefined();
    expect(issuesOf(series.safeParse({ title: 'Breaking Silence', description: 'x'.repeat(201) }))).toEqual([
      { path: 'description', message: 'description must be at most 200 characters' },
    ]);
    expect(issuesOf(series.safeParse({ title: 'A', description: 'B', hero: { src: './a.jpg' } }))[0]?.path).toBe('hero.alt');
  });
});

describe('editor documentation', () => {
  it('describes every story, news and series field', () => {
    const undocumented = [stories, news, series]
      .flatMap((schema) => Object.entries(schema.shape))
      .filter(([, field]) => !field.description)
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });
});
