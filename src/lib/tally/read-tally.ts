import { desc, eq, gt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { tally, tallyByCountry } from '../db/schema';

export interface TallySnapshot {
  total: number;
  updatedAt: string;
  byCountry: Record<string, number>;
}

/** The public count: two tiny reads (one row, one row per country) in a single round trip, never count(*). */
export async function readTally(db: Database): Promise<TallySnapshot> {
  const [totals, countries] = await db.batch([
    db.select().from(tally).where(eq(tally.id, 1)),
    db.select().from(tallyByCountry).where(gt(tallyByCountry.total, 0)).orderBy(desc(tallyByCountry.total)),
  ]);
  const row = totals[0];
  return {
    total: row?.total ?? 0,
    updatedAt: (row?.updatedAt ?? new Date(0)).toISOString(),
    byCountry: Object.fromEntries(countries.map(({ country, total }) => [country, total])),
  };
}
