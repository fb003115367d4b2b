import { withinDatabaseTimeout } from '../db/database-work.ts';
import type { Platform } from '../platform.ts';
import { requireSecret } from '../security/secrets.ts';
import { verifyUnsubscribeToken } from './unsubscribe-token.ts';
import { withdrawConsent } from './withdraw-consent.ts';

/** Where /updates/unsubscribe stands: asking, done, a link that is not genuine, or the database away. */
export type UnsubscribeState = 'confirm' | 'done' | 'invalid' | 'unavailable';

/**
 * The signed link in campaign emails that stops them. Opening it (GET) only asks; the page's button (POST) withdraws
 * the consent and deletes the address, so mail scanners that follow links change nothing.
 */
export function updatesService(platform: Platform) {
  return {
    async unsubscribe(token: string, method: string): Promise<UnsubscribeState> {
      try {
        const pledgeId = await verifyUnsubscribeToken(token, requireSecret(platform, 'hmacSecret'));
        if (pledgeId === undefined) return 'invalid';
        if (method !== 'POST') return 'confirm';
        await withinDatabaseTimeout(platform, 'the unsubscribe', (db) => withdrawConsent(db, pledgeId, platform.clock.now()));
        return 'done';
      } catch (error) {
        platform.log.error('unsubscribe failed', error);
        return 'unavailable';
      }
    },
  };
}
