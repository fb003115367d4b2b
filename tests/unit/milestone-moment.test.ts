import { describe, expect, it } from 'vitest';
import { milestoneMoment } from '../../src/lib/tally/milestone-moment.ts';

const NOW = new Date('2026-12-02T15:00:00Z');
const reached = (entries: Record<number, string | null>) => Object.entries(entries).map(([value, reachedAt]) => ({ value: Number(value), reachedAt }));

describe('the milestone the home page marks', () => {
  it('is the highest one reached in the last 7 days', () => {
    expect(milestoneMoment({ total: 2_600, milestones: reached({ 1_000: '2026-11-30', 2_500: '2026-12-01', 5_000: null }) }, NOW)).toEqual({ value: 2_500, reachedAt: '2026-12-01' });
  });

  it('is none for a milestone reached over 7 days ago, or none reached', () => {
    expect(milestoneMoment({ total: 1_200, milestones: reached({ 1_000: '2026-11-24', 2_500: null }) }, NOW)).toBeUndefined();
    expect(milestoneMoment({ total: 12, milestones: reached({ 1_000: null }) }, NOW)).toBeUndefined();
  });

  it('is never one the count has fallen back under, such as one passed by a paper batch entered by mistake and removed', () => {
    const milestones = reached({ 1_000: '2026-12-01', 2_500: '2026-12-02', 5_000: '2026-12-02', 10_000: '2026-12-02' });
    expect(milestoneMoment({ total: 1_004, milestones }, NOW)).toEqual({ value: 1_000, reachedAt: '2026-12-01' });
    expect(milestoneMoment({ total: 0, milestones }, NOW)).toBeUndefined();
  });
});
