interface Publishable {
  data: { draft: boolean; publishedAt: Date };
}

/** Drafts are visible while editing (`npm run dev`) and never in a production build. */
export function isVisible(entry: Publishable, { includeDrafts }: { includeDrafts: boolean }): boolean {
  return includeDrafts || !entry.data.draft;
}

export function newestFirst<T extends Publishable>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => b.data.publishedAt.getTime() - a.data.publishedAt.getTime());
}
