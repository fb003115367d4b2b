import { withTimeout } from '../async/with-timeout.ts';
import { MissingConfiguration } from '../missing-configuration.ts';
import type { Platform } from '../platform.ts';
import type { Database } from './client.ts';

/**
 * The database, opened for this request. Without TURSO_DATABASE_URL nothing can be stored or counted: fail closed,
 * say so loudly once, and let the caller answer "try again" (503).
 */
export function openPlatformDatabase(platform: Pick<Platform, 'database' | 'log'>): Database {
  if (!platform.database) {
    platform.log.warnOnce('TURSO_DATABASE_URL is not set: nothing can be stored or counted (see README, "Production")');
    throw new MissingConfiguration('TURSO_DATABASE_URL');
  }
  return platform.database();
}

/**
 * What a request asks of the database, given up after DATABASE_TIMEOUT_MS: a visitor is answered in time whatever
 * the database does. The work itself is not cancelled and may still land, which is why every write is safe twice.
 */
export async function withinDatabaseTimeout<T>(
  platform: Pick<Platform, 'database' | 'log' | 'settings'>,
  what: string,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  return withTimeout(work(openPlatformDatabase(platform)), platform.settings.DATABASE_TIMEOUT_MS, what);
}
