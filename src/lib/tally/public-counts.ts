import { nextMilestone } from './milestones.ts';
import { publicTotal, type TallySnapshot } from './read-tally.ts';

declare const published: unique symbol;

/**
 * A country's count at or above the small-country threshold. Only `publicTally` makes one, so a raw number that
 * could point to a person cannot be passed where a published count is expected.
 */
export type PublishedCount = number & { readonly [published]: true };

/** The tally as it may be published: on pages, in GET /api/tally, on the badge and the embeddable counter. */
export interface PublicTally {
  /** Every walkaway: `online` and `offline` together. */
  total: number;
  /** Confirmed pledges made on this site or in a partner's frame. */
  online: number;
  /** Pledges partners collected on paper, added by the organisers; never in a country's count. */
  offline: number;
  /** When the count last changed, to the minute (ISO 8601): a finer time would show a single pledge arriving. */
  updatedAt: string;
  /** The next milestone the count is heading for (the same as `nextMilestone`, kept for the badge and older readers). */
  goal: number;
  /** The next milestone: the first in content/campaign/milestones.yaml above the total, then doubling past the last. */
  nextMilestone: number;
  /**
   * Every milestone, with the day the total first reached it (YYYY-MM-DD, UTC), or null while it has not: a finer time,
   * kept for good, would say when the person who made the count cross it confirmed.
   */
  milestones: Array<{ value: number; reachedAt: string | null }>;
  /** Countries with at least the threshold's number of walkaways; every other country is left out entirely. */
  byCountry: Readonly<Record<string, PublishedCount>>;
}

const MINUTE_MS = 60_000;

/** A time to the minute it falls in. */
export const toTheMinute = (iso: string) => new Date(Math.floor(Date.parse(iso) / MINUTE_MS) * MINUTE_MS).toISOString();

/** The tally as read from the database, made fit to publish: small countries left out, the time coarse, the goal added. */
export function publicTally(
  snapshot: TallySnapshot,
  { threshold, milestones }: { threshold: number; milestones: readonly number[] },
): PublicTally {
  const total = publicTotal(snapshot);
  const reached = snapshot.reached ?? {};
  const goal = nextMilestone(total, milestones);
  return {
    total,
    online: snapshot.total,
    offline: snapshot.offline ?? 0,
    updatedAt: toTheMinute(snapshot.updatedAt),
    goal,
    nextMilestone: goal,
    milestones: milestones.map((value) => {
      const at = reached[String(value)];
      return { value, reachedAt: at ? at.slice(0, 10) : null };
    }),
    byCountry: Object.fromEntries(
      Object.entries(snapshot.byCountry).flatMap(([country, count]) => (count >= threshold ? [[country, count as PublishedCount]] : [])),
    ),
  };
}
