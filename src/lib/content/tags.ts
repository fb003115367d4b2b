interface Tagged {
  data: { tags: readonly string[] };
}

/** Entries grouped by tag: tags in alphabetical order, each group keeping the order the entries came in. */
export function byTag<T extends Tagged>(entries: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const tag of [...new Set(entries.flatMap((entry) => entry.data.tags))].sort()) {
    groups.set(
      tag,
      entries.filter((entry) => entry.data.tags.includes(tag)),
    );
  }
  return groups;
}
