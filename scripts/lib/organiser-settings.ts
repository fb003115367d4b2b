// What the organisers' command line works with: the database, its keys and the public address, from the environment
// or .dev.vars. Against the local database it falls back to the development values local runs use; against any other
// it refuses to guess.
import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_HMAC_SECRET } from '../../src/config.ts';
import { openDatabase } from '../../src/lib/db/client.ts';
import { deploymentOf } from '../../src/lib/deployment.ts';
import { configuredValue } from './dev-vars.ts';
import { localDatabaseUrl } from './local-database-address.ts';

/** A mistake the organiser can fix: said in one line, exit code 1. */
export class UsageError extends Error {}

/** What `work` returns; an error it throws (a content file the build would refuse) becomes a UsageError. */
export function asUsageError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const configuredUrl = configuredValue('TURSO_DATABASE_URL');
export const databaseUrl = configuredUrl ?? localDatabaseUrl(fileURLToPath(new URL('../../.data', import.meta.url)));
export const isLocal = deploymentOf(databaseUrl) === 'local';
// A token goes only to the database it was configured beside, never to a local one found by its address.
export const db = () => openDatabase({ url: databaseUrl, authToken: configuredUrl && configuredValue('TURSO_AUTH_TOKEN') });

/** The key of the email hashes: required for a real database; the local one uses `npm run dev`'s published key. */
export function hmacSecret(): string {
  const secret = configuredValue('PLEDGE_HMAC_SECRET') ?? (isLocal ? DEVELOPMENT_HMAC_SECRET : undefined);
  if (!secret) throw new UsageError('PLEDGE_HMAC_SECRET is not set: put the production value in the environment or .dev.vars');
  return secret;
}

export function siteUrl(): URL {
  const value = configuredValue('SITE_URL');
  if (!value && !isLocal) throw new UsageError('SITE_URL is not set: the unsubscribe links need the public address (https://…)');
  return new URL(value ?? 'http://localhost:4321');
}

/** A number as the organisers read them: 12,345. */
export const number = (value: number) => value.toLocaleString('en-GB');

/** A time as the organisers read it, in UTC to the minute: 2026-12-02 15:04. */
export const minute = (time: Date | string) => new Date(time).toISOString().slice(0, 16).replace('T', ' ');
