import { describe, expect, it } from 'vitest';
import { MILESTONES } from '../../src/config.ts';
import { nextMilestone } from '../../src/lib/tally/milestones.ts';

describe('the next goal', () => {
  it.each([
    [0, 1_000],
    [999, 1_000],
    [1_000, 2_500],
    [2_499, 2_500],
    [99_999, 100_000],
    [999_999, 1_000_000],
    [1_000_000, 2_000_000],
    [3_500_000, 4_000_000],
    [4_000_000, 8_000_000],
  ])('after %i walkaways is %i', (total, goal) => {
    expect(nextMilestone(total, MILESTONES)).toBe(goal);
  });

  it('never moves backwards as the count grows', () => {
    let previous = 0;
    for (let total = 0; total < 5_000_000; total += 7_919) {
      const goal = nextMilestone(total, MILESTONES);
      expect(goal).toBeGreaterThan(total);
      expect(goal).toBeGreaterThanOrEqual(previous);
      previous = goal;
    }
  });
});
