/**
 * One writer at a time across all streams. SQLite allows a single writer anyway; waiting here, asynchronously,
 * means a second writer queues instead of failing with SQLITE_BUSY (the engine's own busy wait would block the
 * event loop, and with it the stream that holds the lock).
 */
export class WriterLock {
  #held = false;
  readonly #waiting: Array<() => void> = [];

  async acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** How many writers are queued behind the one holding the lock. */
  get waiting(): number {
    return this.#waiting.length;
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

// Statements that can never write, or that only end a transaction. Anything else may write and takes the lock.
const NEVER_WRITES = /^(SELECT|EXPLAIN|VALUES|BEGIN(\s+(DEFERRED\b|TRANSACTION\b)|\s*;?\s*$)|COMMIT|END|ROLLBACK|RELEASE|SAVEPOINT)\b/i;
const LEADING_COMMENTS = /^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/;

export function mayWrite(sql: string): boolean {
  return !NEVER_WRITES.test(sql.replace(LEADING_COMMENTS, ''));
}
