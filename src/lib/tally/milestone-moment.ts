/** How long the home page marks a milestone after the count passed it. */
export const MILESTONE_MOMENT_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * The milestone the home page marks: the highest one reached within the last MILESTONE_MOMENT_DAYS, if any. Older
 * milestones are history, not news.
 */
export function milestoneMoment(
  milestones: ReadonlyArray<{ value: number; reachedAt: string | null }>,
  now: Date,
): { value: number; reachedAt: string } | undefined {
  const recent = milestones.flatMap(({ value, reachedAt }) =>
    reachedAt !== null && now.getTime() - Date.parse(reachedAt) <= MILESTONE_MOMENT_DAYS * DAY_MS ? [{ value, reachedAt }] : [],
  );
  return recent.sort((a, b) => b.value - a.value)[0];
}
