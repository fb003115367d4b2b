// Keeps /walkaways' map and table current: redraws them from each tally the page's live counter fetches (the
// `walkaway:tally` event), with the same shading and table rules the server used.
import { SMALL_COUNTRY_THRESHOLD } from '../config.ts';
import { countryTable, tableSort } from '../lib/map/country-table.ts';
import { mapShades, shadeOf } from '../lib/map/shades.ts';
import type { PublishedCount } from '../lib/tally/public-counts.ts';

const table = document.querySelector<HTMLTableElement>('[data-country-table]');
const rowTemplate = document.querySelector<HTMLTemplateElement>('[data-country-row]');
const shades = mapShades(SMALL_COUNTRY_THRESHOLD);
const lang = document.documentElement.lang;

function redraw({ total, byCountry }: { total: number; byCountry: Record<string, PublishedCount> }): void {
  for (const path of document.querySelectorAll<SVGPathElement>('[data-world-map] [data-country]')) {
    path.setAttribute('fill', shadeOf(byCountry[path.dataset.country!], shades).fill);
  }
  if (!table || !rowTemplate) return;
  const rows = countryTable(byCountry, total, { lang, sort: tableSort(table.dataset.sort) });
  table.tBodies[0]!.replaceChildren(
    ...rows.map(({ code, name, countText, shareText }) => {
      const row = (rowTemplate.content.firstElementChild as HTMLTableRowElement).cloneNode(true) as HTMLTableRowElement;
      row.dataset.country = code;
      [row.cells[0]!.textContent, row.cells[1]!.textContent, row.cells[2]!.textContent] = [name, countText, shareText];
      return row;
    }),
  );
  document.querySelector<HTMLElement>('[data-country-empty]')!.hidden = rows.length > 0;
}

document.addEventListener('walkaway:tally', (event) => redraw((event as CustomEvent).detail));
