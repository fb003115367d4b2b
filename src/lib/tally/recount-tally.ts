import { count, eq, isNull, sql, sum } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { offlinePledges, pledges, tally, tallyByCountry } from '../db/schema.ts';

/** One number the tally rows had wrong: `scope` is "total" (online), "offline" (paper) or a country code. */
export interface Correction {
  scope: string;
  stored: number;
  counted: number;
}

/** The scopes that are the public total's parts (online and on paper), as against a country's. */
const isTotalScope = (scope: string) => scope === 'total' || scope === 'offline';

/** The corrections in a line, for the organisers: `total 99 → 6, GB 3 → 2`, numbers written by `format`. */
export const describeCorrections = (corrections: readonly Correction[], format: (value: number) => string = String) =>
  corrections.map(({ scope, stored, counted }) => `${scope} ${format(stored)} → ${format(counted)}`).join(', ');

/**
 * The corrections in a line, for the Worker's log: the total's, and how many countries were corrected, never a
 * country's own numbers (a small one could point to a person).
 */
export function summariseCorrections(corrections: readonly Correction[]): string {
  const overall = corrections.filter(({ scope }) => isTotalScope(scope));
  const countries = corrections.length - overall.length;
  return [
    ...overall.map(({ scope, stored, counted }) => `${scope} ${stored} → ${counted}`),
    countries > 0 && `${countries} ${countries === 1 ? 'country' : 'countries'}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** What the tally rows should say, given the rows per country (the `null` country counts only in the total). */
export function tallyCorrections(
  counted: readonly { country: string | null; total: number }[],
  storedTotal: number | undefined,
  storedCountries: readonly { country: string; total: number }[],
): Correction[] {
  const total = counted.reduce((sum, row) => sum + row.total, 0);
  const corrections: Correction[] = total === storedTotal ? [] : [{ scope: 'total', stored: storedTotal ?? 0, counted: total }];
  const byCountry = new Map(counted.flatMap((row) => (row.country === null ? [] : [[row.country, row.total] as const])));
  const stored = new Map(storedCountries.map((row) => [row.country, row.total]));
  for (const country of [...new Set([...byCountry.keys(), ...stored.keys()])].sort()) {
    const [was, is] = [stored.get(country) ?? 0, byCountry.get(country) ?? 0];
    if (was !== is) corrections.push({ scope: country, stored: was, counted: is });
  }
  return corrections;
}

/**
 * Counts the confirmed pledges again (one scan, grouped by country) and the paper pledges not removed, and repairs any tally
 * number that drifted, in one write transaction so that no pledge lands between the count and the repair. Returns what it corrected.
 * Turso bills every row read: this reads every pledge once, which is why it runs on a schedule, not per request.
 */
export async function recountTally(db: Database, now: () => Date): Promise<Correction[]> {
  return db.transaction(async (tx) => {
    const counted = await tx
      .select({ country: pledges.country, total: count() })
      .from(pledges)
      .where(eq(pledges.status, 'confirmed'))
      .groupBy(pledges.country);
    const [stored] = await tx.select({ total: tally.total, offline: tally.offline }).from(tally).where(eq(tally.id, 1));
    const storedCountries = await tx.select().from(tallyByCountry);
    const [paper] = await tx.select({ offline: sum(offlinePledges.count) }).from(offlinePledges).where(isNull(offlinePledges.removedAt));
    const offline = Number(paper?.offline ?? 0);
    const corrections = [
      ...tallyCorrections(counted, stored?.total, storedCountries),
      ...(offline === (stored?.offline ?? 0) ? [] : [{ scope: 'offline', stored: stored?.offline ?? 0, counted: offline }]),
    ];
    for (const { scope, counted: total } of corrections) {
      if (isTotalScope(scope)) {
        await tx
          .insert(tally)
          .values({ id: 1, [scope]: total, updatedAt: now() })
          .onConflictDoUpdate({ target: tally.id, set: { [scope]: total, updatedAt: now() } });
      } else {
        await tx
          .insert(tallyByCountry)
          .values({ country: scope, total })
          .onConflictDoUpdate({ target: tallyByCountry.country, set: { total: sql`excluded.total` } });
      }
    }
    // The public figures say when the recount last ran and by how much it changed the public total.
    const repaired = corrections.filter(({ scope }) => isTotalScope(scope)).reduce((sum, { stored, counted }) => sum + counted - stored, 0);
    await tx.update(tally).set({ recountedAt: now(), recountRepaired: repaired }).where(eq(tally.id, 1));
    return corrections;
  });
}
