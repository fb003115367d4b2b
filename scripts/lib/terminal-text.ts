import { INVISIBLE } from './invisible-characters.ts';

/** Text for a terminal: each invisible character (see INVISIBLE) shown as its code point, `⟨U+202E⟩`, the rest as it is. */
export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (character) => `⟨U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
