const WORDS_PER_MINUTE = 220;

/** Whole minutes to read an MDX body, ignoring import/export lines and markup. */
export function readingMinutes(mdxBody: string): number {
  const prose = mdxBody
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[#*_>`~[\]()-]/g, ' ');
  const words = prose.split(/\s+/).filter((word) => /\p{L}|\p{N}/u.test(word)).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
