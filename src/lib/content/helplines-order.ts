/** Helplines by country name in the page's language, the reader's chosen country (by its id) first. */
export function helplinesFirst<H extends { id: string; name: string }>(helplines: readonly H[], chosen: string, lang: string): H[] {
  return [...helplines].sort((a, b) => Number(b.id === chosen) - Number(a.id === chosen) || a.name.localeCompare(b.name, lang));
}
