import { desc, eq, gt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { tally, tallyByCountry } from '../db/schema.ts';

export interface TallySnapshot {
  total: number;
  updatedAt: string;
  byCountry: Record<string, number>;
}

/** The two tiny reads the public count is made of (one row, one row per country): never count(*). */
export function tallyQueries(db: Database) {
  return [
    db.select().from(tally).where(eq(tally.id, 1)),
    db.select().from(tallyByCountry).where(gt(tallyByCountry.total, 0)).orderBy(desc(tallyByCountry.total)),
  ] as const;
}

type TotalRows = Awaited<ReturnType<typeof tallyQueries>[0]>;
type CountryRows = Awaited<ReturnType<typeof tallyQueries>[1]>;

export function snapshotOf(totals: TotalRows, countries: CountryRows): TallySnapshot {
  const row = totals[0];
  return {
    total: row?.total ?? 0,
    updatedAt: (row?.updatedAt ?? new Date(0)).toISOString(),
    byCountry: Object.fromEntries(countries.map(({ country, total }) => [country, total])),
  };
}

/** The public count in a single round trip. */
export async function readTally(db: Database): Promise<TallySnapshot> {
  const [totals, countries] = await db.batch(tallyQueries(db));
  return snapshotOf(totals, countries);
}
