import { DAY_MS } from '../utc-days.ts';

/** How long the home page marks a milestone after the count passed it. */
export const MILESTONE_MOMENT_DAYS = 7;

/**
 * The milestone the home page marks: the highest one reached within the last MILESTONE_MOMENT_DAYS that the count is
 * still at or above, if any. Older milestones are history, not news; and a milestone stays recorded when the count falls
 * back (a paper batch entered by mistake and removed), but the page never celebrates a number beside a smaller one.
 */
export function milestoneMoment(
  tally: { total: number; milestones: ReadonlyArray<{ value: number; reachedAt: string | null }> },
  now: Date,
): { value: number; reachedAt: string } | undefined {
  const recent = tally.milestones.flatMap(({ value, reachedAt }) =>
    reachedAt !== null && value <= tally.total && now.getTime() - Date.parse(reachedAt) <= MILESTONE_MOMENT_DAYS * DAY_MS ? [{ value, reachedAt }] : [],
  );
  return recent.sort((a, b) => b.value - a.value)[0];
}
