import type { PublicCount } from '../tally/public-counts';

export interface Shade {
  fill: string;
  label: string;
}

/**
 * The map's shades, lightest to darkest, with the counts each stands for. Fixed bands rather than ones relative to
 * the leading country, so the legend reads the same every day and a colour only changes when a count does.
 */
export function mapShades(threshold: number): { none: Shade; fewer: Shade; bands: Array<Shade & { from: number }> } {
  return {
    none: { fill: '#e4ddd5', label: 'none yet' },
    fewer: { fill: '#f3d6de', label: `fewer than ${threshold}` },
    bands: [
      { fill: '#e7a3b5', label: `${threshold} to 99`, from: threshold },
      { fill: '#d4617f', label: '100 to 999', from: 100 },
      { fill: '#a3123a', label: '1,000 to 9,999', from: 1_000 },
      { fill: '#5e0820', label: '10,000 or more', from: 10_000 },
    ],
  };
}

/** The shade of a country's published count. */
export function shadeOf(count: PublicCount | undefined, shades: ReturnType<typeof mapShades>): Shade {
  if (count === undefined || count === 0) return shades.none;
  if (typeof count === 'string') return shades.fewer;
  return shades.bands.findLast((band) => count >= band.from) ?? shades.fewer;
}
