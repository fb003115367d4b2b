interface CodedError {
  code?: unknown;
  cause?: unknown;
  message?: unknown;
  params?: unknown;
}

/** True when the database answered and refused the statement (a SQLite error), rather than not answering at all. */
export function isStatementError(error: unknown): boolean {
  const { code } = (error ?? {}) as CodedError;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * An error for the log: its name, code, message and the chain of causes, never the values bound to a statement.
 * libSQL's own messages name tables, columns and constraints, never values. Drizzle wraps a failed statement in an
 * error whose message repeats the query and its parameters (`Failed query: … params: …`, with `params` beside it):
 * such a message is left out, and only its name and its causes are logged, so no story, email or address can reach
 * the log however a write fails.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth += 1) {
    const { code, message, cause, params } = current as CodedError;
    const name = current instanceof Error ? current.name : typeof current;
    const carriesValues = params !== undefined || (typeof message === 'string' && /\bparams:/.test(message));
    const text = carriesValues ? 'a statement failed (its query and values are not logged)' : typeof message === 'string' ? message : String(current);
    parts.push(`${name}${typeof code === 'string' ? ` [${code}]` : ''}: ${text}`);
    current = cause;
  }
  return parts.join(' ← caused by ');
}
