/** What the public sees of a country's count: the number, or "fewer than N" below the threshold. */
export type PublicCount = number | `fewer than ${number}`;

export const fewerThan = (threshold: number): PublicCount => `fewer than ${threshold}`;

/** Counts by country as they may be published: small ones hidden behind "fewer than N", zeros left out. */
export function publicByCountry(byCountry: Readonly<Record<string, number>>, threshold: number): Record<string, PublicCount> {
  return Object.fromEntries(
    Object.entries(byCountry)
      .filter(([, count]) => count > 0)
      .map(([country, count]) => [country, count < threshold ? fewerThan(threshold) : count]),
  );
}
