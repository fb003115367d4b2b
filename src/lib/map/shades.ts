import type { PublishedCount } from '../tally/public-counts.ts';

export interface Shade {
  fill: string;
}

export type MapShades = { none: Shade; bands: Array<Shade & { from: number }> };

/**
 * The map's shades, lightest to darkest, with the counts each stands for. Fixed bands rather than ones relative to
 * the leading country, so the legend reads the same every day and a colour only changes when a count does.
 */
export function mapShades(threshold: number): MapShades {
  return {
    none: { fill: '#e4ddd5' },
    bands: [
      { fill: '#e7a3b5', from: threshold },
      { fill: '#d4617f', from: 100 },
      { fill: '#a3123a', from: 1_000 },
      { fill: '#5e0820', from: 10_000 },
    ],
  };
}

/** The shade of a country's published count: a country with none published (none yet, or too few to show) has none. */
export function shadeOf(count: PublishedCount | undefined, shades: MapShades): Shade {
  if (count === undefined) return shades.none;
  return shades.bands.findLast((band) => count >= band.from) ?? shades.none;
}

/** The legend's words, from the dictionary's `walkaways`. */
export interface LegendWords {
  noneOrFew: (threshold: number) => string;
  band: (from: string, to: string) => string;
  bandFrom: (from: string) => string;
}

/** Each shade with what it stands for, numbers written as the page's language writes them. */
export function mapLegend(shades: MapShades, threshold: number, lang: string, words: LegendWords): Array<Shade & { label: string }> {
  const number = new Intl.NumberFormat(lang);
  return [
    { ...shades.none, label: words.noneOrFew(threshold) },
    ...shades.bands.map(({ fill, from }, index) => {
      const next = shades.bands[index + 1];
      const label = next ? words.band(number.format(from), number.format(next.from - 1)) : words.bandFrom(number.format(from));
      return { fill, label };
    }),
  ];
}
