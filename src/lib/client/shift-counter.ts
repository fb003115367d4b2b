export const PRESSES_TO_EXIT = 3;
export const WINDOW_MS = 5_000;

/** Counts Shift presses; three within five seconds of the first is the signal to leave. */
export function createShiftCounter(now: () => number) {
  let presses: number[] = [];
  return {
    /** Records a press and returns how many count now (1–3); 3 means exit. */
    press(): number {
      const time = now();
      presses = [...presses.filter((pressed) => time - pressed < WINDOW_MS), time];
      return presses.length;
    },
    reset(): void {
      presses = [];
    },
  };
}

export function shiftStatus(count: number): string {
  const left = PRESSES_TO_EXIT - count;
  if (left <= 0) return 'Exit this page activated';
  return `Shift, press ${left} more ${left === 1 ? 'time' : 'times'} to exit`;
}
