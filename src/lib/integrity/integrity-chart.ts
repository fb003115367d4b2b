import type { PublicDay } from './integrity-service.ts';

/** One day's bars: pledges received and confirmed, as rectangles in a chart `width` × `height` (SVG user units). */
export interface ChartBar {
  day: string;
  x: number;
  width: number;
  received: { y: number; height: number } | null;
  confirmed: { y: number; height: number } | null;
}

/**
 * The bars of the /how-we-count chart, drawn at request time as inline SVG (no chart library reaches the browser).
 * A hidden figure (under 5) draws no bar: the table beside the chart says "fewer than 5" instead.
 */
export function integrityChart(days: readonly PublicDay[], { width, height }: { width: number; height: number }): { bars: ChartBar[]; max: number } {
  const max = Math.max(1, ...days.flatMap((day) => [day.received ?? 0, day.confirmed ?? 0]));
  const slot = width / Math.max(1, days.length);
  const bar = (value: number | null) => {
    if (!value) return null;
    const barHeight = Math.max(1, Math.round((value / max) * height * 10) / 10);
    return { y: Math.round((height - barHeight) * 10) / 10, height: barHeight };
  };
  return {
    max,
    bars: days.map((day, index) => ({
      day: day.day,
      x: Math.round(index * slot * 10) / 10,
      width: Math.round(slot * 0.8 * 10) / 10,
      received: bar(day.received),
      confirmed: bar(day.confirmed),
    })),
  };
}
