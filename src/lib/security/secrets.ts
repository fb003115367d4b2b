import { DEVELOPMENT_HMAC_SECRET } from '../../config.ts';
import { deploymentOf } from '../deployment.ts';
import { MissingConfiguration } from '../missing-configuration.ts';
import type { Platform, Secrets } from '../platform.ts';

type RequiredSecret = 'hmacSecret';

const SECRET_NAMES: Record<RequiredSecret, string> = { hmacSecret: 'PLEDGE_HMAC_SECRET' };

/** Values published in this repository for local runs: a deployed Worker must never key anything with them. */
const PUBLISHED: Record<RequiredSecret, string> = { hmacSecret: DEVELOPMENT_HMAC_SECRET };

/**
 * A secret the request cannot do without. Missing, or a deployed Worker given the published development value, it
 * fails closed: said loudly once, and the caller answers "try again" (503) rather than keying anything with it.
 * `wrangler deploy` refuses to deploy without it.
 */
export function requireSecret(platform: Pick<Platform, 'secrets' | 'log'>, name: RequiredSecret): string {
  const value = platform.secrets[name as keyof Secrets];
  const secretName = SECRET_NAMES[name];
  if (!value) {
    platform.log.warnOnce(`${secretName} is not set: set it with \`wrangler secret put ${secretName}\``);
    throw new MissingConfiguration(secretName);
  }
  if (value === PUBLISHED[name] && deploymentOf(platform.secrets.databaseUrl) === 'deployed') {
    platform.log.warnOnce(`${secretName} is the published development value, which a deployed Worker refuses: set a secret of your own`);
    throw new MissingConfiguration(secretName);
  }
  return value;
}
