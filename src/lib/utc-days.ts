export const DAY_MS = 86_400_000;

/** The UTC day a time falls on, as YYYY-MM-DD. */
export const isoDay = (time: Date | number) => new Date(time).toISOString().slice(0, 10);

/** The `count` UTC days that end with the day of `last`, oldest first, as YYYY-MM-DD. */
export function daysEnding(last: Date | number, count: number): string[] {
  const lastDay = Date.parse(`${isoDay(last)}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => isoDay(lastDay - (count - 1 - i) * DAY_MS));
}
