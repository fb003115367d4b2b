import { readFileSync } from 'node:fs';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { badgeResponse } from '../../src/lib/badge/badge-response.ts';
import { badgeSvg, badgeTheme, textWidth } from '../../src/lib/badge/badge-svg.ts';
import { countryTable, tableSort } from '../../src/lib/map/country-table.ts';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { mapLegend, mapShades, shadeOf } from '../../src/lib/map/shades.ts';
import { worldMap } from '../../src/lib/map/world-map.ts';
import { sourceCode, withSource } from '../../src/lib/pledge/share-source.ts';
import { validatePledge } from '../../src/lib/pledge/validate.ts';
import { publicTally } from '../../src/lib/tally/public-counts.ts';

describe('share codes', () => {
  it.each(['partner-one', 'share-whatsapp', 'a', 'x'.repeat(32), '2026-campaign'])('accepts %s', (code) => {
    expect(sourceCode(code)).toBe(code);
  });

  it.each(['Partner', 'with space', 'x'.repeat(33), '', 'ünï', 'a_b', '<script>', 7, undefined])('ignores %j', (code) => {
    expect(sourceCode(code)).toBeNull();
  });

  it('is added to a link, keeping its other parameters and fragment', () => {
    expect(withSource('/pledge', 'p')).toBe('/pledge?ref=p');
    expect(withSource('/walkaways?sort=name#by-country', 'p')).toBe('/walkaways?sort=name&ref=p#by-country');
    expect(withSource('/pledge?ref=old', 'new')).toBe('/pledge?ref=new');
    expect(withSource('https://walkaway.test/', 'share-x')).toBe('https://walkaway.test/?ref=share-x');
  });

  it('travels with a pledge when well formed, and is dropped without an error when not', () => {
    const key = '0b6e3f0e-6a52-4f0a-9f11-8e4a4b9f1c2d';
    const good = validatePledge({ email: 'a@example.org', idempotencyKey: key, ref: 'partner-one' });
    expect(good.ok && good.valid.source).toBe('partner-one');
    const bad = validatePledge({ email: 'a@example.org', idempotencyKey: key, ref: 'DROP TABLE' });
    expect(bad).toMatchObject({ ok: true, valid: { source: null }, values: { ref: '' } });
    expect(validatePledge({ email: 'nope', idempotencyKey: key, ref: 'partner-one' })).toMatchObject({ ok: false, values: { ref: 'partner-one' } });
  });
});

/** Counts by country as the tally service publishes them. */
const published = (byCountry: Record<string, number>, total = 0) =>
  publicTally({ total, updatedAt: '2026-12-01T00:00:00.000Z', byCountry }, { threshold: 5, milestones: [1_000] }).byCountry;

describe('counts by country in public', () => {
  it('leave out every country below the threshold, and zeros, entirely', () => {
    expect(published({ FR: 12, IS: 4, LI: 1, GB: 5, DE: 0 })).toEqual({ FR: 12, GB: 5 });
  });

  it('come with the total, its time to the minute and the next goal', () => {
    expect(publicTally({ total: 1_000, updatedAt: '2026-12-01T10:42:59.876Z', byCountry: {} }, { threshold: 5, milestones: [1_000, 2_500] })).toEqual({
      total: 1_000,
      online: 1_000,
      offline: 0,
      updatedAt: '2026-12-01T10:42:00.000Z',
      goal: 2_500,
      nextMilestone: 2_500,
      milestones: expect.any(Array),
      byCountry: {},
    });
  });
});

describe('the table of countries', () => {
  const byCountry = published({ US: 1_234, FR: 56, IS: 3, BE: 56, DE: 1 });

  it('lists the published countries by count, ties by name, with names and shares in the page language', () => {
    const rows = countryTable(byCountry, 2_000, { lang: 'en', sort: 'count' });
    expect(rows.map((row) => [row.name, row.countText, row.shareText])).toEqual([
      ['United States', '1,234', '61.7%'],
      ['Belgium', '56', '2.8%'],
      ['France', '56', '2.8%'],
    ]);
  });

  it('sorts by name on request, and writes names and numbers as the page language does', () => {
    const rows = countryTable(byCountry, 2_000, { lang: 'es', sort: 'name' });
    expect(rows.map((row) => row.name)).toEqual(['Bélgica', 'Estados Unidos', 'Francia']);
    expect(rows.find((row) => row.code === 'US')?.countText).toBe('1234');
    expect(countryTable(published({ US: 12_345 }), 12_345, { lang: 'es', sort: 'count' })[0]?.countText).toBe('12.345');
  });

  it('takes only "name" as another order', () => {
    expect([tableSort('name'), tableSort('count'), tableSort('<x>'), tableSort(null)]).toEqual(['name', 'count', 'count', 'count']);
  });
});

describe('the map', () => {
  const shades = mapShades(5);

  it('shades by fixed bands; a country with nothing published (none, or too few) has the lightest', () => {
    const legend = mapLegend(shades, 5, 'en', dictionary('en').walkaways);
    const labelOf = (count: unknown) => legend.find(({ fill }) => fill === shadeOf(count as never, shades).fill)?.label;
    expect([undefined, 5, 99, 100, 9_999, 10_000, 2_000_000].map(labelOf)).toEqual([
      'none, or fewer than 5',
      '5 to 99',
      '5 to 99',
      '100 to 999',
      '1,000 to 9,999',
      '10,000 or more',
      '10,000 or more',
    ]);
  });

  it("words the legend in the page's language, numbers included", () => {
    const legend = mapLegend(shades, 5, 'es', dictionary('es').walkaways).map(({ label }) => label);
    expect(legend).toEqual(['ninguno, o menos de 5', 'de 5 a 99', 'de 100 a 999', 'de 1000 a 9999', '10.000 o más']);
  });

  it("draws every country but Antarctica from Natural Earth, named by ISO code", () => {
    const topology = JSON.parse(readFileSync(new URL('../../node_modules/world-atlas/countries-110m.json', import.meta.url), 'utf8'));
    const map = worldMap(topology, { width: 960, height: 470, alpha2Of: (numeric) => countries.numericToAlpha2(numeric) });
    const codes = map.shapes.map((shape) => shape.code);
    expect(codes).toEqual(expect.arrayContaining(['FR', 'US', 'BR', 'IN', 'ZA', 'AU', 'IS', 'GB']));
    expect(codes).not.toContain('AQ');
    expect(map.shapes.every((shape) => /^M[\d.,LMZ-]+$/.test(shape.d))).toBe(true);
    const xs = map.shapes.flatMap((shape) => [...shape.d.matchAll(/[ML](-?[\d.]+),/g)].map((match) => Number(match[1])));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(960);
  });
});

describe('the badge', () => {
  it('names the count for screen readers and grows with the number', () => {
    const small = badgeSvg('7', 'light');
    const large = badgeSvg('1,234,567', 'light');
    expect(small).toContain('<title>walkaways: 7</title>');
    expect(small).toContain('aria-label="walkaways: 7"');
    const width = (svg: string) => Number(svg.match(/^<svg[^>]+width="(\d+)"/)?.[1]);
    expect(width(large) - width(small)).toBe(Math.round(textWidth('1,234,567') + 12) - Math.round(textWidth('7') + 12));
  });

  it('offers a dark theme and nothing else from the address', () => {
    expect(badgeTheme(new URL('https://w.test/badge.svg?theme=dark'))).toBe('dark');
    expect(badgeTheme(new URL('https://w.test/badge.svg?theme=<script>'))).toBe('light');
    expect(badgeSvg('1', 'dark')).not.toBe(badgeSvg('1', 'light'));
  });

  it('is an image any site may show, cached like the tally, able to run nothing', async () => {
    const response = badgeResponse(new Request('https://w.test/badge.svg'), 12_345, { theme: 'light', lang: 'en' });
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/svg+xml; charset=utf-8',
      'cross-origin-resource-policy': 'cross-origin',
      'content-security-policy': "default-src 'none'",
      'cache-control': expect.stringContaining('s-maxage=10'),
    });
    expect(await response.text()).toContain('>12,345</text>');
    const again = badgeResponse(new Request('https://w.test/badge.svg', { headers: { 'if-none-match': response.headers.get('etag')! } }), 12_345, { theme: 'light', lang: 'en' });
    expect(again.status).toBe(304);
    const unavailable = badgeResponse(new Request('https://w.test/badge.svg'), undefined, { theme: 'light', lang: 'en' });
    expect([unavailable.status, unavailable.headers.get('cache-control')]).toEqual([503, 'no-store']);
  });
});
