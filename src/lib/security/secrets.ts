import { MissingConfiguration } from '../missing-configuration.ts';
import type { Platform, Secrets } from '../platform.ts';

const SECRET_NAMES: Record<keyof Secrets, string> = {
  hmacSecret: 'PLEDGE_HMAC_SECRET',
  storyKey: 'SUBMISSION_KEY',
  turnstileSiteKey: 'TURNSTILE_SITE_KEY',
  turnstileSecretKey: 'TURNSTILE_SECRET_KEY',
  turnstileVerifyUrl: 'TURNSTILE_VERIFY_URL',
};

/**
 * A secret the request cannot do without. Missing, it fails closed: said loudly once, and the caller answers
 * "try again" (503) rather than storing what it could not key or seal. `wrangler deploy` refuses to deploy without it.
 */
export function requireSecret(platform: Pick<Platform, 'secrets' | 'log'>, name: keyof Secrets): string {
  const value = platform.secrets[name];
  if (value) return value;
  platform.log.warnOnce(`${SECRET_NAMES[name]} is not set: set it with \`wrangler secret put ${SECRET_NAMES[name]}\``);
  throw new MissingConfiguration(SECRET_NAMES[name]);
}
