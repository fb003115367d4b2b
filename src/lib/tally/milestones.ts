/**
 * The goal shown beside a count: the first milestone above it, then doubling past the last milestone.
 * Derived from the total alone, so the goal only ever moves forward as the count grows.
 */
export function nextMilestone(total: number, milestones: readonly number[]): number {
  const next = milestones.find((milestone) => milestone > total);
  if (next !== undefined) return next;
  let goal = milestones.at(-1) ?? 1;
  while (goal <= total) goal *= 2;
  return goal;
}
