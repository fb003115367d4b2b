export const REFRESH_MS = 15_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Wait before the next refresh: every 15 s while all is well, doubling after each failure up to 5 minutes. */
export function nextRefreshDelay(consecutiveFailures: number): number {
  return Math.min(REFRESH_MS * 2 ** consecutiveFailures, MAX_BACKOFF_MS);
}
