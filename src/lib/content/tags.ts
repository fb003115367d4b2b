/** Items grouped by tag: tags in alphabetical order, each group keeping the order the items came in. */
export function byTag<T>(items: readonly T[], tagsOf: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const tag of [...new Set(items.flatMap(tagsOf))].sort()) {
    groups.set(
      tag,
      items.filter((item) => tagsOf(item).includes(tag)),
    );
  }
  return groups;
}
