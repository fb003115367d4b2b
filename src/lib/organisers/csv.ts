// RFC 4180 CSV for the organisers' exports, safe to open in a spreadsheet.

/** Characters a spreadsheet may take as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: a leading formula character is neutralised with an apostrophe (OWASP's advice, so that a spreadsheet
 * shows `'=HYPERLINK(…)` as text and never runs it), and a cell holding a comma, quote or line break is quoted, with
 * quotes doubled. Null is an empty cell.
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, ended by CRLF as RFC 4180 asks. */
export const csvRow = (cells: ReadonlyArray<string | null>) => `${cells.map(csvCell).join(',')}\r\n`;
