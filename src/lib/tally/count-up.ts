/** The value shown `elapsed` ms into a count from `from` to `to` lasting `duration` ms, easing out. */
export function countUpValue(from: number, to: number, elapsed: number, duration: number): number {
  if (elapsed >= duration || from === to) return to;
  const progress = 1 - (1 - elapsed / duration) ** 3;
  return Math.round(from + (to - from) * progress);
}
