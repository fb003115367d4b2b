import { withinDatabaseTimeout } from '../db/database-work.ts';
import type { Platform } from '../platform.ts';
import { requireSecret } from '../security/secrets.ts';
import type { PublicTally } from '../tally/public-counts.ts';
import { publicTotal } from '../tally/read-tally.ts';
import { integrityService } from '../integrity/integrity-service.ts';
import { tallyService } from '../tally/tally-service.ts';
import { checkPledgeToken, createPledgeToken, type PledgeTokenPurpose } from './pledge-token.ts';
import { confirmPledge, withdrawPledge } from './verify-pledge.ts';

/**
 * Where /pledge/confirm and /pledge/withdraw stand. Opening a link (GET) only asks (`ask`) and changes nothing, since
 * mail scanners open links; the page's button (POST) acts. An expired confirm link, or one for a withdrawn pledge,
 * says how to pledge again (410); a forged, altered or unknown one says nothing more than that it does not work (404).
 */
export type LinkState =
  /** The confirm page also links to withdrawing ("this wasn't me"), with the withdraw token of the same pledge. */
  | { kind: 'ask'; withdrawToken?: string }
  | { kind: 'confirmed'; number: number; tally: PublicTally | undefined }
  | { kind: 'already-confirmed'; tally: PublicTally | undefined }
  | { kind: 'withdrawn' }
  | { kind: 'already-withdrawn' }
  | { kind: 'expired' }
  | { kind: 'unknown' }
  | { kind: 'unavailable' };

/** The HTTP status of each state. */
export const LINK_STATUS: Record<LinkState['kind'], number> = {
  ask: 200,
  confirmed: 200,
  'already-confirmed': 200,
  withdrawn: 200,
  'already-withdrawn': 410,
  expired: 410,
  unknown: 404,
  unavailable: 503,
};

/**
 * The links in a confirmation email: confirm (the pledge starts to count, and its wish for updates becomes a
 * subscription) and withdraw ("this wasn't me": it stops counting and nothing more is sent). After either, the fresh
 * total becomes the tally everyone is answered from, as after a pledge.
 */
export function verificationService(platform: Platform) {
  const tally = tallyService(platform);
  const remember = (siteUrl: URL, snapshot: Parameters<typeof tally.remember>[1]) =>
    tally.remember(siteUrl, snapshot).catch((error: unknown) => platform.log.error('fresh tally not cached', error));

  async function act(purpose: PledgeTokenPurpose, token: string, method: string, siteUrl: URL): Promise<LinkState> {
    const now = platform.clock.now();
    const secret = requireSecret(platform, 'hmacSecret');
    const checked = await checkPledgeToken(secret, purpose, token, now);
    if (checked.kind !== 'valid') return checked;
    if (method !== 'POST') return purpose === 'confirm' ? { kind: 'ask', withdrawToken: await createPledgeToken(secret, 'withdraw', checked.token) } : { kind: 'ask' };
    const { pledgeId } = checked.token;
    if (purpose === 'confirm') {
      const outcome = await withinDatabaseTimeout(platform, 'the confirmation', (db) => confirmPledge(db, pledgeId, now));
      if (outcome.kind === 'confirmed') {
        await remember(siteUrl, outcome.snapshot);
        integrityService(platform).count('confirmed');
        return { kind: 'confirmed', number: publicTotal(outcome.snapshot), tally: await tally.current(siteUrl) };
      }
      if (outcome.kind === 'already-confirmed') return { kind: 'already-confirmed', tally: await tally.current(siteUrl) };
      return outcome.kind === 'withdrawn' ? { kind: 'already-withdrawn' } : { kind: 'unknown' };
    }
    const outcome = await withinDatabaseTimeout(platform, 'the withdrawal', (db) => withdrawPledge(db, pledgeId, now));
    if (outcome.kind === 'withdrawn') {
      await remember(siteUrl, outcome.snapshot);
      integrityService(platform).count('withdrawn');
      return { kind: 'withdrawn' };
    }
    return outcome.kind === 'already-withdrawn' ? { kind: 'withdrawn' } : { kind: 'unknown' };
  }

  const answer = (purpose: PledgeTokenPurpose) => async (token: string, method: string, siteUrl: URL): Promise<LinkState> => {
    try {
      return await act(purpose, token, method, siteUrl);
    } catch (error) {
      platform.log.error(`the ${purpose} link failed`, error);
      return { kind: 'unavailable' };
    }
  };

  return {
    /** GET and POST /pledge/confirm?token=… */
    confirm: answer('confirm'),
    /** GET and POST /pledge/withdraw?token=… */
    withdraw: answer('withdraw'),
  };
}
