/** Link previews on every major platform take this size (1.91:1). */
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;
