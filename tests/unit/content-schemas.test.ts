import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { type ImageHelper, newsSchema, storySchema } from '../../src/lib/content/schemas';

// Stands in for Astro's image() helper, which only exists inside the content layer.
const fakeImage = (() => z.string()) as unknown as ImageHelper;
const stories = storySchema(fakeImage);

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

  it('refuses a hero image without alt text, naming hero.alt', () => {
    const { alt: _alt, ...heroWithoutAlt } = validStory.hero;
    expect(issuesOf(stories.safeParse({ ...validStory, hero: heroWithoutAlt }))).toEqual([
      { path: 'hero.alt', message: expect.stringContaining('hero.alt is required') },
    ]);
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
    const entry = newsSchema.parse({ ...validNews, quote: { text: 'Words.', speaker: 'A supporter' } });
    expect(entry.quote?.speaker).toBe('A supporter');
    expect(entry.draft).toBe(false);
  });

  it.each(['http://news.test/article', 'ftp://news.test/article', 'news.test/article', 'javascript:alert(1)'])(
    'refuses the non-https url %s',
    (url) => {
      expect(issuesOf(newsSchema.safeParse({ ...validNews, url }))).toEqual([
        { path: 'url', message: 'url must be a full https:// address' },
      ]);
    },
  );

  it('refuses a quote without its speaker', () => {
    expect(issuesOf(newsSchema.safeParse({ ...validNews, quote: { text: 'Words.' } }))[0]?.path).toBe('quote.speaker');
  });
});

describe('editor documentation', () => {
  it('describes every story and news field', () => {
    const undocumented = [
      ...Object.entries(stories.shape).filter(([, field]) => !field.description),
      ...Object.entries(newsSchema.shape).filter(([, field]) => !field.description),
    ].map(([name]) => name);
    expect(undocumented).toEqual([]);
  });
});
