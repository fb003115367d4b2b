/**
 * The one message the pledge frame sends to the partner's page, `{ type: HEIGHT_MESSAGE, height }` in CSS pixels, and
 * the only one public/embed.js accepts (a test checks that both say the same).
 */
export const HEIGHT_MESSAGE = 'walkaway:height';

/** The tallest frame embed.js will make: a message claiming more is ignored. */
export const MAX_FRAME_HEIGHT = 4_000;
