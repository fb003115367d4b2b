import { describeError } from './db/errors.ts';

/**
 * The worker's log. Lines carry what happened and, for errors, their name, code and cause chain (describeError):
 * never a query's parameters, an email or an address.
 */
export interface Logger {
  info(message: string): void;
  error(message: string, error: unknown): void;
  /** A deployment mistake (a missing binding or secret): said loudly, once per isolate, the first time it matters. */
  warnOnce(message: string): void;
  /** Something worth knowing about how this deployment runs (Turnstile off in local runs): said once per isolate. */
  infoOnce(message: string): void;
}

export function createLogger(output: Pick<Console, 'log' | 'error'>): Logger {
  const said = new Set<string>();
  const once = (write: (line: string) => void) => (message: string) => {
    if (said.has(message)) return;
    said.add(message);
    write(`[walkaway] ${message}`);
  };
  return {
    info: (message) => output.log(`[walkaway] ${message}`),
    error: (message, error) => output.error(`[walkaway] ${message}: ${describeError(error)}`),
    warnOnce: once((line) => output.error(line)),
    infoOnce: once((line) => output.log(line)),
  };
}
