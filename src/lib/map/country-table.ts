import type { PublishedCount } from '../tally/public-counts.ts';

export type TableSort = 'count' | 'name';

export interface CountryRow {
  code: string;
  /** The country's name in the page's language. */
  name: string;
  count: number;
  /** The count as the page's language writes it: "1,234". */
  countText: string;
  /** The share of all walkaways as the page's language writes it: "12.5%". */
  shareText: string;
}

/**
 * The rows of the walkaways-by-country table, for the server and the page's script alike, so that a refresh never
 * changes how a name or number is written.
 */
export function countryTable(
  byCountry: Readonly<Record<string, PublishedCount>>,
  total: number,
  { lang, sort }: { lang: string; sort: TableSort },
): CountryRow[] {
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const rows = Object.entries(byCountry).map(
    ([code, count]): CountryRow => ({
      code,
      name: names.of(code) ?? code,
      count,
      countText: number.format(count),
      shareText: percent.format(total === 0 ? 0 : count / total),
    }),
  );
  const byName = (a: CountryRow, b: CountryRow) => a.name.localeCompare(b.name, lang);
  return rows.sort(sort === 'name' ? byName : (a, b) => b.count - a.count || byName(a, b));
}

export const tableSort = (value: string | null | undefined): TableSort => (value === 'name' ? 'name' : 'count');
