import type { Locale } from '../../i18n/locales.ts';
import { entryPath } from './paths.ts';
import type { Localized } from './translations.ts';

/** A story or news entry as one part of a series. */
export interface SeriesPart {
  collection: 'stories' | 'news';
  slug: string;
  /** The language the part is written in (a page in another language shows it untranslated). */
  lang: Locale;
  title: string;
  summary: string;
  part: number;
  /** Where the entry's file lives, to name it in errors. */
  file: string;
}

interface Entry {
  id: string;
  filePath?: string | undefined;
  data: { summary: string; series?: { id: string } | undefined; part?: number | undefined };
}

/** The entries of `collection` that belong to `seriesId`, as parts. */
export function partsOf<E extends Entry>(
  seriesId: string,
  collection: SeriesPart['collection'],
  entries: ReadonlyArray<Localized<E>>,
  titleOf: (item: Localized<E>) => string,
): SeriesPart[] {
  return entries
    .filter(({ entry }) => entry.data.series?.id === seriesId && entry.data.part !== undefined)
    .map((item) => ({
      collection,
      slug: item.slug,
      lang: item.lang,
      title: titleOf(item),
      summary: item.entry.data.summary,
      part: item.entry.data.part!,
      file: item.entry.filePath ?? `${collection}/${item.entry.id}`,
    }));
}

/**
 * The parts of a series in reading order. Two entries claiming the same part would leave readers unsure which comes
 * first, so that stops the build, naming both files.
 */
export function inReadingOrder(seriesId: string, parts: readonly SeriesPart[]): SeriesPart[] {
  const ordered = [...parts].sort((a, b) => a.part - b.part);
  for (let i = 1; i < ordered.length; i += 1) {
    const [before, after] = [ordered[i - 1]!, ordered[i]!];
    if (before.part === after.part) {
      throw new Error(
        `Series "${seriesId}" has two entries numbered part ${after.part}: ${before.file} and ${after.file}. Give each its own part number.`,
      );
    }
  }
  return ordered;
}

export interface SeriesPosition {
  current: SeriesPart;
  previous: SeriesPart | undefined;
  next: SeriesPart | undefined;
}

/** Where an entry stands in its series, for the "Part N of …" box. */
export function positionIn(parts: readonly SeriesPart[], current: { collection: string; slug: string }): SeriesPosition {
  const index = parts.findIndex((part) => part.collection === current.collection && part.slug === current.slug);
  if (index === -1) throw new Error(`${current.collection}/${current.slug} is not part of this series`);
  return { current: parts[index]!, previous: parts[index - 1], next: parts[index + 1] };
}

/** A part's page in the language of the page linking to it. */
export const partPath = (part: SeriesPart, lang: Locale) => entryPath(part.collection, part.slug, lang);
