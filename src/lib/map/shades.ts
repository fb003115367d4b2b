import type { PublicCount } from '../tally/public-counts.ts';

export interface Shade {
  fill: string;
}

export type MapShades = { none: Shade; fewer: Shade; bands: Array<Shade & { from: number }> };

/**
 * The map's shades, lightest to darkest, with the counts each stands for. Fixed bands rather than ones relative to
 * the leading country, so the legend reads the same every day and a colour only changes when a count does.
 */
export function mapShades(threshold: number): MapShades {
  return {
    none: { fill: '#e4ddd5' },
    fewer: { fill: '#f3d6de' },
    bands: [
      { fill: '#e7a3b5', from: threshold },
      { fill: '#d4617f', from: 100 },
      { fill: '#a3123a', from: 1_000 },
      { fill: '#5e0820', from: 10_000 },
    ],
  };
}

/** The shade of a country's published count. */
export function shadeOf(count: PublicCount | undefined, shades: MapShades): Shade {
  if (count === undefined || count === 0) return shades.none;
  if (typeof count === 'string') return shades.fewer;
  return shades.bands.findLast((band) => count >= band.from) ?? shades.fewer;
}

/** The legend's words, from the dictionary's `walkaways`. */
export interface LegendWords {
  noneYet: string;
  fewerThan: (threshold: number) => string;
  band: (from: string, to: string) => string;
  bandFrom: (from: string) => string;
}

/** Each shade with what it stands for, numbers written as the page's language writes them. */
export function mapLegend(shades: MapShades, threshold: number, lang: string, words: LegendWords): Array<Shade & { label: string }> {
  const number = new Intl.NumberFormat(lang);
  return [
    { ...shades.none, label: words.noneYet },
    { ...shades.fewer, label: words.fewerThan(threshold) },
    ...shades.bands.map(({ fill, from }, index) => {
      const next = shades.bands[index + 1];
      const label = next ? words.band(number.format(from), number.format(next.from - 1)) : words.bandFrom(number.format(from));
      return { fill, label };
    }),
  ];
}
