import type { PublicCount } from '../tally/public-counts.ts';

export type TableSort = 'count' | 'name';

export interface CountryRow {
  code: string;
  /** The country's name in the page's language. */
  name: string;
  /** The exact count, or null when it is only published as "fewer than N". */
  count: number | null;
  /** The count as shown: "1,234", or "fewer than 5" in the page's language. */
  countText: string;
  /** The share of all walkaways as shown ("12.5%"), or null when the count is not published. */
  shareText: string | null;
}

/**
 * The rows of the walkaways-by-country table, for the server and the page's script alike, so that a refresh never
 * changes how a name or number is written. Countries under the threshold sort after every published count.
 */
export function countryTable(
  byCountry: Readonly<Record<string, PublicCount>>,
  total: number,
  { lang, sort, fewerThan }: { lang: string; sort: TableSort; fewerThan: string },
): CountryRow[] {
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const rows = Object.entries(byCountry).map(([code, value]): CountryRow => {
    const count = typeof value === 'number' ? value : null;
    return {
      code,
      name: names.of(code) ?? code,
      count,
      countText: count === null ? fewerThan : number.format(count),
      shareText: count === null || total === 0 ? null : percent.format(count / total),
    };
  });
  const byName = (a: CountryRow, b: CountryRow) => a.name.localeCompare(b.name, lang);
  return rows.sort(sort === 'name' ? byName : (a, b) => (b.count ?? -1) - (a.count ?? -1) || byName(a, b));
}

export const tableSort = (value: string | null | undefined): TableSort => (value === 'name' ? 'name' : 'count');
