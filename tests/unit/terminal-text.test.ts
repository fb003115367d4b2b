// What `submissions show` prints of a reader's words: nothing that changes the terminal or hides in plain sight.
import { describe, expect, it } from 'vitest';
import { visibleControls } from '../../scripts/lib/terminal-text.ts';

describe("a reader's words on an editor's terminal", () => {
  it.each([
    ['a right-to-left override, which would show "gpj.exe" as "exe.jpg"', 'file\u202Egpj.exe', 'file⟨U+202E⟩gpj.exe'],
    ['an isolate and a mark', 'a\u2066b\u2069c\u200Fd', 'a⟨U+2066⟩b⟨U+2069⟩c⟨U+200F⟩d'],
    ['zero-width characters between letters', 'he\u200Blp\u200Cme\u200D\u2060now\uFEFF', 'he⟨U+200B⟩lp⟨U+200C⟩me⟨U+200D⟩⟨U+2060⟩now⟨U+FEFF⟩'],
    ['a terminal escape that would clear the screen', '\u001B[2J\u001B]0;title\u0007', '⟨U+001B⟩[2J⟨U+001B⟩]0;title⟨U+0007⟩'],
    ['a carriage return that would overwrite the line', 'innocent\rmalicious', 'innocent⟨U+000D⟩malicious'],
    ['a C1 control', 'a\u009Bb', 'a⟨U+009B⟩b'],
    ['a soft hyphen and invisible tags', 'x\u00ADy\u{E0041}', 'x⟨U+00AD⟩y⟨U+E0041⟩'],
    ['a line separator, which some terminals break on and others hide', 'a\u2028b\u2029c', 'a⟨U+2028⟩b⟨U+2029⟩c'],
    ['format characters of other scripts and an object replacement', '\u0600x\u{110BD}y\uFFFCz\u3164', '⟨U+0600⟩x⟨U+110BD⟩y⟨U+FFFC⟩z⟨U+3164⟩'],
  ])('marks %s', (_, text, shown) => {
    expect(visibleControls(text)).toBe(shown);
  });

  it('leaves line breaks, tabs, accents and other scripts as they are', () => {
    const text = 'Línea uno\n\tŁódź, Αθήνα, Київ, مرحبا, 日本語 🙂';
    expect(visibleControls(text)).toBe(text);
  });
});
