/**
 * Share of the way to the goal, 0–100, as a whole number; never past the goal. Any walkaway at all shows as
 * at least 1%, so an early count still visibly moves the bar.
 */
export function progressPercent(total: number, goal: number): number {
  if (total <= 0) return 0;
  if (goal <= 0 || total >= goal) return 100;
  return Math.max(1, Math.floor((total / goal) * 100));
}
