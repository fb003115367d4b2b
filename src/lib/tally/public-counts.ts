import { nextMilestone } from './milestones.ts';
import type { TallySnapshot } from './read-tally.ts';

declare const published: unique symbol;

/**
 * A country's count at or above the small-country threshold. Only `publicTally` makes one, so a raw number that
 * could point to a person cannot be passed where a published count is expected.
 */
export type PublishedCount = number & { readonly [published]: true };

/** What the public sees of a country's count: the number, or "fewer than N" below the threshold. */
export type PublicCount = PublishedCount | `fewer than ${number}`;

/** The tally as it may be published: on pages, in GET /api/tally, on the badge and the embeddable counter. */
export interface PublicTally {
  total: number;
  /** When the count last changed (ISO 8601). */
  updatedAt: string;
  /** The next milestone the count is heading for. */
  goal: number;
  byCountry: Readonly<Record<string, PublicCount>>;
}

export const fewerThan = (threshold: number): PublicCount => `fewer than ${threshold}`;

/** Counts by country as they may be published: small ones hidden behind "fewer than N", zeros left out. */
function publicByCountry(byCountry: Readonly<Record<string, number>>, threshold: number): Record<string, PublicCount> {
  return Object.fromEntries(
    Object.entries(byCountry)
      .filter(([, count]) => count > 0)
      .map(([country, count]) => [country, count < threshold ? fewerThan(threshold) : (count as PublishedCount)]),
  );
}

/** The tally as read from the database, made fit to publish: small countries redacted, the goal added. */
export function publicTally(
  snapshot: TallySnapshot,
  { threshold, milestones }: { threshold: number; milestones: readonly number[] },
): PublicTally {
  return {
    total: snapshot.total,
    updatedAt: snapshot.updatedAt,
    goal: nextMilestone(snapshot.total, milestones),
    byCountry: publicByCountry(snapshot.byCountry, threshold),
  };
}
