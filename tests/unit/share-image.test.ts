import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { headlineSize, renderShareImage } from '../../src/lib/share-image/render-share-image.ts';

const card = (title: string) => ({ title, eyebrow: 'Story', campaign: 'Aware Internet', site: 'Walkaway' });

describe('a share image', () => {
  it('is a 1200×630 PNG', async () => {
    const { png } = await renderShareImage(card('Why we are asking you to walk away'));
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 });
  });

  it('has a glyph for accents, curly quotes, dashes, Greek and Cyrillic', async () => {
    const { missingGlyphs } = await renderShareImage(card('“Ñandú” — déjà vu in Łódź, Zoë’s café: Ελληνικά, Русский'));
    expect(missingGlyphs).toEqual([]);
  });

  it('reports text no bundled font can draw, instead of silently drawing boxes', async () => {
    const { missingGlyphs } = await renderShareImage(card('Walkaway 🙂 日本'));
    expect(missingGlyphs.join(' ')).toContain('🙂');
    expect(missingGlyphs.join(' ')).toContain('日本');
  });

  it('differs with the title', async () => {
    const [a, b] = await Promise.all([renderShareImage(card('One title')), renderShareImage(card('Another title'))]);
    expect(a.png.equals(b.png)).toBe(false);
  });

  it('steps the headline down for long titles', () => {
    expect(headlineSize('Short')).toBeGreaterThan(headlineSize('x'.repeat(60)));
    expect(headlineSize('x'.repeat(60))).toBeGreaterThan(headlineSize('x'.repeat(120)));
  });
});
