// The unsubscribe link of campaign emails on a fake platform: opening it asks, the button acts, forgeries do nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../src/lib/security/hmac.ts';
import { createUnsubscribeToken } from '../../src/lib/updates/unsubscribe-token.ts';
import { updatesService } from '../../src/lib/updates/updates-service.ts';
import { FAKE_SECRETS, type FakePlatform, fakePlatform } from '../support/fake-platform.ts';

let platform: FakePlatform;
let token: string;

beforeEach(async () => {
  platform = await fakePlatform();
  await platform.sql.batch(
    [
      "INSERT INTO pledges (id, email_hmac, idempotency_key, created_at) VALUES (7, 'h', 'k', 0)",
      "INSERT INTO subscribers (pledge_id, email, consented_at, consent_version) VALUES (7, 'reader@example.org', 0, 'v/en')",
    ],
    'write',
  );
  token = await createUnsubscribeToken(7, FAKE_SECRETS.hmacSecret!);
});
afterEach(() => platform.dispose());

const subscriber = async () => (await platform.sql.execute('SELECT email, withdrawn_at FROM subscribers')).rows[0];

describe('the unsubscribe link', () => {
  it('only asks when opened, as a mail scanner would open it', async () => {
    expect(await updatesService(platform).unsubscribe(token, 'GET')).toBe('confirm');
    expect((await subscriber())?.email).toBe('reader@example.org');
  });

  it('withdraws the consent and deletes the address when its button is pressed', async () => {
    expect(await updatesService(platform).unsubscribe(token, 'POST')).toBe('done');
    expect(await subscriber()).toMatchObject({ email: null, withdrawn_at: platform.clock.now().getTime() });
  });

  it('does nothing for a forged or altered token', async () => {
    for (const forged of ['v2.7.' + '0'.repeat(64), '7.' + '0'.repeat(64), token.replace(/^v2\.7\./, 'v2.8.'), token.slice(3), '', 'x']) {
      expect(await updatesService(platform).unsubscribe(forged, 'POST')).toBe('invalid');
    }
    expect((await subscriber())?.email).toBe('reader@example.org');
  });

  it('still works from an email sent before the keys were derived per purpose', async () => {
    const sentBefore = `7.${await hmacSha256Hex(FAKE_SECRETS.hmacSecret!, 'walkaway:unsubscribe:v1:7')}`;
    expect(await updatesService(platform).unsubscribe(sentBefore, 'POST')).toBe('done');
    expect((await subscriber())?.email).toBeNull();
  });

  it('is signed with a key of its own, not the secret that hashes email addresses', async () => {
    expect(token).toMatch(/^v2\.7\.[0-9a-f]{64}$/);
    expect(token).not.toContain(await hmacSha256Hex(FAKE_SECRETS.hmacSecret!, '7'));
    expect(token).not.toContain(await hmacSha256Hex(FAKE_SECRETS.hmacSecret!, 'walkaway:unsubscribe:v1:7'));
  });

  it('asks to try again while the database is down', async () => {
    platform.setDatabase('down');
    expect(await updatesService(platform).unsubscribe(token, 'POST')).toBe('unavailable');
  });
});
