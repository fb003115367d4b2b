export const PRESSES_TO_EXIT = 3;
const WINDOW_MS = 5_000;

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

/** The words the page gives the script: the announcement once it leaves, and one for 1 and for 2 presses left. */
export interface ShiftWords {
  activated: string;
  pressesLeft: [string, string];
}

/** What to announce after `count` presses, in the page's language. */
export function shiftStatus(count: number, words: ShiftWords): string {
  const left = PRESSES_TO_EXIT - count;
  return left <= 0 ? words.activated : words.pressesLeft[left - 1]!;
}
