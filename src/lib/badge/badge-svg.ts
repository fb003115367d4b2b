// "walkaways | 12,345" in the style of project badges (shields.io): Verdana 11 px on 20 px, a grey label and a
// coloured value. Nothing from the request goes into it but the choice of theme.

export type BadgeTheme = 'light' | 'dark';

const THEMES: Record<BadgeTheme, { label: string; value: string }> = {
  light: { label: '#555', value: '#a3123a' },
  dark: { label: '#16130f', value: '#7d0c2b' },
};

// Advance widths of Verdana at 11 px (its metrics ÷ 2048 × 11), for the characters a badge can hold.
const WIDTHS: Record<string, number> = {
  '0': 7, '1': 7, '2': 7, '3': 7, '4': 7, '5': 7, '6': 7, '7': 7, '8': 7, '9': 7,
  ',': 4, '.': 4, ' ': 3.9, '—': 11, w: 9, a: 6.6, l: 3, k: 6.5, y: 6.5, s: 5.7, u: 7, n: 7, v: 6.5, i: 3, b: 6.9, e: 6.6,
};
const PADDING = 6;

export const textWidth = (text: string) => [...text].reduce((sum, character) => sum + (WIDTHS[character] ?? 7), 0);

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The badge for a count (already formatted), or a dash while the count is unavailable. */
export function badgeSvg(value: string, theme: BadgeTheme): string {
  const label = 'walkaways';
  const colours = THEMES[theme];
  const labelWidth = Math.round(textWidth(label) + PADDING * 2);
  const valueWidth = Math.round(textWidth(value) + PADDING * 2);
  const width = labelWidth + valueWidth;
  const text = (content: string, centre: number) =>
    `<text x="${centre}" y="15" fill="#010101" fill-opacity=".3">${escape(content)}</text>` +
    `<text x="${centre}" y="14">${escape(content)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escape(`${label}: ${value}`)}">` +
    `<title>${escape(`${label}: ${value}`)}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="${colours.label}"/>` +
    `<rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${colours.value}"/>` +
    `<rect width="${width}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    text(label, labelWidth / 2) +
    text(value, labelWidth + valueWidth / 2) +
    `</g></svg>`
  );
}

/** The theme a request asks for: `?theme=dark`, otherwise light. */
export const badgeTheme = (url: URL): BadgeTheme => (url.searchParams.get('theme') === 'dark' ? 'dark' : 'light');
