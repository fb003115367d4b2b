import { describe, expect, it } from 'vitest';
import { isPlaceholderUrl } from '../../src/lib/content/placeholders.ts';
import { isVisible, newestFirst } from '../../src/lib/content/publishing.ts';
import { readingMinutes } from '../../src/lib/content/reading-time.ts';

const entry = (id: string, publishedAt: string, draft = false) => ({ id, data: { draft, publishedAt: new Date(publishedAt) } });

describe('drafts', () => {
  it('hides drafts from production and shows them while editing', () => {
    const draft = entry('draft', '2026-01-01', true);
    expect(isVisible(draft, { includeDrafts: false })).toBe(false);
    expect(isVisible(draft, { includeDrafts: true })).toBe(true);
    expect(isVisible(entry('live', '2026-01-01'), { includeDrafts: false })).toBe(true);
  });
});

describe('ordering', () => {
  it('lists newest first without changing the input', () => {
    const input = [entry('old', '2026-01-01'), entry('new', '2026-03-01'), entry('mid', '2026-02-01')];
    expect(newestFirst(input).map((e) => e.id)).toEqual(['new', 'mid', 'old']);
    expect(input.map((e) => e.id)).toEqual(['old', 'new', 'mid']);
  });
});

describe('reading time', () => {
  it('counts words at about 220 a minute, at least one minute', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('word '.repeat(660))).toBe(3);
  });

  it('ignores imports, markup and punctuation', () => {
    const body = `import Figure from './Figure.astro';\n\n<Figure src="a" />\n\n## Heading\n\n- ${'word '.repeat(440)}`;
    expect(readingMinutes(body)).toBe(2);
  });
});

describe('placeholder links', () => {
  it('treats reserved documentation domains as placeholders and real outlets as links', () => {
    expect(isPlaceholderUrl('https://example.org/editors-replace-me')).toBe(true);
    expect(isPlaceholderUrl('https://www.example.com/x')).toBe(true);
    expect(isPlaceholderUrl('https://news-example.org/x')).toBe(false);
    expect(isPlaceholderUrl('https://news.test/x')).toBe(false);
  });
});
