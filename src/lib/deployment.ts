/**
 * Where this Worker runs. `local`: its database is on this machine (`npm run dev`, `npm run preview`, the tests),
 * which have no secrets of their own, no Turnstile keys and no network, so published development values are allowed
 * and Turnstile may be off. `deployed`: anything else, including a database address that is missing or unreadable,
 * so that a mistake can only make the Worker stricter.
 */
export type Deployment = 'local' | 'deployed';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function deploymentOf(databaseUrl: string | undefined): Deployment {
  try {
    const url = new URL(databaseUrl ?? '');
    return url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? 'local' : 'deployed';
  } catch {
    return 'deployed';
  }
}
