// Renders a page's link-preview image (1200×630 PNG) from its title. Runs in Node only, at build time (and in
// `astro dev`): satori lays the card out as SVG and sharp rasterises it. Nothing is fetched over the network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import sharp from 'sharp';
import { SHARE_IMAGE } from './size.ts';

export interface ShareCard {
  /** The page's title, the card's headline. */
  title: string;
  /** A short label above the title, such as "Story" or "News". */
  eyebrow: string;
  /** The campaign's name, in the card's footer. */
  campaign: string;
  /** The site's name, beside the mark. */
  site: string;
}

const COLOURS = { paper: '#fbf9f6', ink: '#16130f', accent: '#a3123a', wash: '#f7e8ec' } as const;

// satori reads .woff (not .woff2), and each unicode subset is its own file. Each subset gets its own family name:
// satori keeps one font per name and weight, so subsets sharing a name would leave accents, Greek or Cyrillic as
// "NO GLYPH" boxes; with distinct names it falls back from one subset to the next.
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'greek'] as const;
const WEIGHTS = [400, 800] as const;

type Font = { name: string; data: Buffer; weight: 400 | 800; style: 'normal' };
let fonts: Font[] | undefined;

function loadFonts(): Font[] {
  const require = createRequire(import.meta.url);
  fonts ??= WEIGHTS.flatMap((weight) =>
    SUBSETS.map((subset) => ({
      name: `Inter ${subset}`,
      data: readFileSync(require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`)),
      weight,
      style: 'normal' as const,
    })),
  );
  return fonts;
}

/** Long titles step down in size so that they fit in four lines. */
export function headlineSize(title: string): number {
  if (title.length <= 40) return 76;
  if (title.length <= 70) return 64;
  if (title.length <= 100) return 54;
  return 46;
}

type Node = { type: string; props: Record<string, unknown> };
const h = (type: string, style: Record<string, unknown>, children?: unknown): Node => ({
  type,
  props: { style, children },
});

function card({ title, eyebrow, campaign, site }: ShareCard): Node {
  const mark = {
    type: 'svg',
    props: {
      width: 64,
      height: 64,
      viewBox: '0 0 32 32',
      children: [
        { type: 'rect', props: { width: 32, height: 32, rx: 4, fill: COLOURS.accent } },
        {
          type: 'path',
          props: {
            d: 'M6 9l4 14 6-10 6 10 4-14',
            fill: 'none',
            stroke: COLOURS.paper,
            'stroke-width': 3,
            'stroke-linecap': 'round',
            'stroke-linejoin': 'round',
          },
        },
      ],
    },
  };
  return h(
    'div',
    {
      width: '100%',
      height: '100%',
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: '56px 72px 64px',
      boxSizing: 'border-box',
      backgroundColor: COLOURS.paper,
      borderTop: `24px solid ${COLOURS.accent}`,
      fontFamily: SUBSETS.map((subset) => `Inter ${subset}`).join(', '),
      color: COLOURS.ink,
    },
    [
      h('div', { display: 'flex', flexDirection: 'column' }, [
        h('div', { fontSize: 30, fontWeight: 800, color: COLOURS.accent, textTransform: 'uppercase', letterSpacing: 2 }, eyebrow),
        h(
          'div',
          { marginTop: 24, fontSize: headlineSize(title), fontWeight: 800, lineHeight: 1.1, lineClamp: 4, display: 'block' },
          title,
        ),
      ]),
      h('div', { display: 'flex', alignItems: 'center', justifyContent: 'space-between' }, [
        h('div', { display: 'flex', alignItems: 'center' }, [
          mark,
          h('div', { marginLeft: 20, fontSize: 40, fontWeight: 800 }, site),
        ]),
        h(
          'div',
          { fontSize: 28, fontWeight: 400, padding: '10px 20px', backgroundColor: COLOURS.wash, color: COLOURS.accent },
          campaign,
        ),
      ]),
    ],
  );
}

export interface ShareImage {
  png: Buffer;
  /** Text that no bundled font can draw (emoji, scripts beyond Latin, Greek and Cyrillic): it shows as boxes. */
  missingGlyphs: string[];
}

export async function renderShareImage(content: ShareCard): Promise<ShareImage> {
  const missingGlyphs: string[] = [];
  const svg = await satori(card(content) as Parameters<typeof satori>[0], {
    ...SHARE_IMAGE,
    fonts: loadFonts(),
    // satori asks for more fonts only for text none of ours covers; we have none to give, so record it.
    loadAdditionalAsset: async (_language, segment) => {
      missingGlyphs.push(segment);
      return [];
    },
  });
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
  return { png, missingGlyphs };
}
