interface CodedError {
  code?: unknown;
  cause?: unknown;
  message?: unknown;
}

/** True when the database answered and refused the statement (a SQLite error), rather than not answering at all. */
export function isStatementError(error: unknown): boolean {
  const { code } = (error ?? {}) as CodedError;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * An error for the log: its name, code, message and the chain of causes. libSQL's messages and codes name tables,
 * columns and constraints, never the values bound to a statement, so no email or address reaches the log.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth += 1) {
    const { code, message, cause } = current as CodedError;
    const name = current instanceof Error ? current.name : typeof current;
    const text = typeof message === 'string' ? message : String(current);
    parts.push(`${name}${typeof code === 'string' ? ` [${code}]` : ''}: ${text}`);
    current = cause;
  }
  return parts.join(' ← caused by ');
}
