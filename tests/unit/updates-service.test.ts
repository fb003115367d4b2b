// The unsubscribe link of campaign emails on a fake platform: opening it asks, the button acts, forgeries do nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    for (const forged of ['7.' + '0'.repeat(64), token.replace(/^7/, '8'), '', 'x']) {
      expect(await updatesService(platform).unsubscribe(forged, 'POST')).toBe('invalid');
    }
    expect((await subscriber())?.email).toBe('reader@example.org');
  });

  it('asks to try again while the database is down', async () => {
    platform.setDatabase('down');
    expect(await updatesService(platform).unsubscribe(token, 'POST')).toBe('unavailable');
  });
});
