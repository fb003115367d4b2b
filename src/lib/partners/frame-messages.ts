/**
 * The messages the pledge frame sends to the partner's page, and the only ones public/embed.js accepts (a test checks
 * that both say the same): `{ type: HEIGHT_MESSAGE, height }` in CSS pixels, and `{ type: EXIT_MESSAGE }` when the
 * reader uses the quick exit, for embed.js to replace the partner's page with the neutral site. A frame may not move
 * the window until the reader has clicked in it; the partner's own page may.
 */
export const HEIGHT_MESSAGE = 'walkaway:height';
export const EXIT_MESSAGE = 'walkaway:exit';

/** The tallest frame embed.js will make: a message claiming more is ignored. */
export const MAX_FRAME_HEIGHT = 4_000;
