interface Publishable {
  data: { draft: boolean; publishedAt: Date };
}

/** Drafts are visible while editing (`npm run dev`) and never in a production build. */
export function isVisible(entry: Publishable, { includeDrafts }: { includeDrafts: boolean }): boolean {
  return includeDrafts || !entry.data.draft;
}

/** Entries, or things holding one (`entryOf`), newest first; the input is left as it was. */
export function newestFirst<T>(items: readonly T[], entryOf: (item: T) => Publishable = (item) => item as Publishable): T[] {
  return [...items].sort((a, b) => entryOf(b).data.publishedAt.getTime() - entryOf(a).data.publishedAt.getTime());
}
