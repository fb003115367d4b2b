import { describe, expect, it } from 'vitest';
import { nextRefreshDelay, REFRESH_MS } from '../../src/lib/tally/refresh-delay.ts';
import { countUpValue } from '../../src/lib/tally/count-up.ts';
import { formatCount, updatedAgo } from '../../src/lib/format-count.ts';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { progressPercent } from '../../src/lib/tally/progress.ts';

describe('formatting the count for the reader', () => {
  it.each([
    ['en-GB', '12,345'],
    ['de-DE', '12.345'],
    ['fr-FR', '12\u202f345'],
    ['hi-IN', '12,345'],
  ])('%s writes 12345 as %s', (locale, text) => {
    expect(formatCount(12_345, locale)).toBe(text);
  });
});

describe('"updated … ago"', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const ago = (seconds: number, lang: 'en' | 'es' = 'en') =>
    updatedAgo(new Date(now.getTime() - seconds * 1000), now, lang, dictionary(lang).tally);
  it.each([
    [0, 'Updated just now'],
    [12, 'Updated 12 seconds ago'],
    [60, 'Updated 1 minute ago'],
    [3_599, 'Updated 59 minutes ago'],
    [7_200, 'Updated 2 hours ago'],
    [172_800, 'Updated 2 days ago'],
  ])('%i seconds → %s', (seconds, text) => {
    expect(ago(seconds)).toBe(text);
  });

  it("is said in the page's language", () => {
    expect(ago(12, 'es')).toBe('Actualizado hace 12 segundos');
    expect(ago(7_200, 'es')).toBe('Actualizado hace 2 horas');
    expect(ago(1, 'es')).toBe(dictionary('es').tally.justNow);
  });

  it('never says the future, even with a skewed clock', () => {
    expect(ago(-30)).toBe('Updated just now');
  });
});

describe('refresh back-off', () => {
  it('refreshes every 15 s, doubling after each failure up to 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(nextRefreshDelay)).toEqual([
      REFRESH_MS, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
  });
});

describe('count-up', () => {
  it('starts at the old value, ends exactly at the new one and never overshoots', () => {
    expect(countUpValue(100, 200, 0, 800)).toBe(100);
    expect(countUpValue(100, 200, 800, 800)).toBe(200);
    expect(countUpValue(100, 200, 5_000, 800)).toBe(200);
    const steps = [0, 100, 200, 400, 600, 799].map((t) => countUpValue(100, 200, t, 800));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(Math.max(...steps)).toBeLessThanOrEqual(200);
  });
});

describe('progress to the goal', () => {
  it.each([
    [0, 1_000, 0],
    [1, 1_000, 1],
    [4, 1_000, 1],
    [500, 1_000, 50],
    [999, 1_000, 99],
    [1_000, 1_000, 100],
    [5_000, 1_000, 100],
  ])('%i of %i → %i%', (total, goal, percent) => {
    expect(progressPercent(total, goal)).toBe(percent);
  });
});
