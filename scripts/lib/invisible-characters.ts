/**
 * Characters that change how text reads without being seen: controls (other than the tab and the line feed), format
 * characters (bidirectional marks, overrides and isolates, zero-width joiners and spaces, invisible tags), line and
 * paragraph separators, and the letters and marks that draw nothing (Hangul fillers, variation selectors, the object
 * replacement character). A reader's words could use them to show an editor something other than what they say.
 */
export const INVISIBLE =
  /(?![\t\n])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\ufffc\u{e0100}-\u{e01ef}]/gu;
