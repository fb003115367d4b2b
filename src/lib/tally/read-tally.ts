import { desc, eq, gt, gte } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { publishedCountries, tally, tallyByCountry } from '../db/schema.ts';

export interface TallySnapshot {
  /** Confirmed pledges made online (the `tally` row's `total`). */
  total: number;
  /** Paper pledges added by organisers; absent from copies cached before they existed. */
  offline?: number;
  /** When the public total first reached each milestone it has reached (value → ISO time); absent from older copies. */
  reached?: Record<string, string>;
  updatedAt: string;
  byCountry: Record<string, number>;
}

/**
 * The two tiny reads the public count is made of (one row, one row per published country): never count(*). The
 * total is live; the countries are the ones the scheduled job last published (`publishCountryCounts`).
 */
export function tallyQueries(db: Database) {
  return [
    db.select().from(tally).where(eq(tally.id, 1)),
    db.select().from(publishedCountries).where(gt(publishedCountries.total, 0)).orderBy(desc(publishedCountries.total)),
  ] as const;
}

/**
 * Copies the counts by country the public may see into `published_countries`, in one batch: countries at or above
 * the threshold, at their current count. The scheduled job runs it, so a country's public figure changes at most once
 * a period, and a single pledge can never be seen arriving in it.
 */
export async function publishCountryCounts(db: Database, threshold: number): Promise<number> {
  const [, published] = await db.batch([
    db.delete(publishedCountries),
    db
      .insert(publishedCountries)
      .select(db.select({ country: tallyByCountry.country, total: tallyByCountry.total }).from(tallyByCountry).where(gte(tallyByCountry.total, threshold))),
  ]);
  return published.rowsAffected;
}

type TotalRows = Awaited<ReturnType<typeof tallyQueries>[0]>;
type CountryRows = Awaited<ReturnType<typeof tallyQueries>[1]>;

export function snapshotOf(totals: TotalRows, countries: CountryRows): TallySnapshot {
  const row = totals[0];
  return {
    total: row?.total ?? 0,
    offline: row?.offline ?? 0,
    reached: reachedMilestones(row?.milestones),
    updatedAt: (row?.updatedAt ?? new Date(0)).toISOString(),
    byCountry: Object.fromEntries(countries.map(({ country, total }) => [country, total])),
  };
}

/** The tally row's record of milestones (`{"1000": <ms>}`) as times; anything unreadable in it is left out. */
function reachedMilestones(json: string | undefined): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '{}');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).flatMap(([value, time]) => (typeof time === 'number' && Number.isFinite(time) ? [[value, new Date(time).toISOString()]] : [])),
  );
}

/** The public total: pledges made online and on paper together. */
export const publicTotal = (snapshot: TallySnapshot) => snapshot.total + (snapshot.offline ?? 0);

/** The public count in a single round trip. */
export async function readTally(db: Database): Promise<TallySnapshot> {
  const [totals, countries] = await db.batch(tallyQueries(db));
  return snapshotOf(totals, countries);
}
