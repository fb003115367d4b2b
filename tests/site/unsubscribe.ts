import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { createUnsubscribeToken } from '../../src/lib/updates/unsubscribe-token.ts';
import { PREVIEW_HMAC_SECRET } from '../support/global-setup.ts';

const site = inject('previewUrl');
const sql = createClient({ url: inject('databaseUrl') });
afterAll(() => sql.close());

async function subscribe(email: string): Promise<number> {
  const response = await fetch(`${site}/api/pledge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `192.0.2.${Math.floor(Math.random() * 250) + 1}` },
    body: JSON.stringify({ email, updates: true, idempotencyKey: randomUUID() }),
  });
  expect(response.status).toBe(200);
  const { rows } = await sql.execute({ sql: 'SELECT pledge_id FROM subscribers WHERE email = ?', args: [email] });
  return Number(rows[0]?.pledge_id);
}

describe('/updates/unsubscribe', () => {
  it('asks first, then withdraws consent and deletes the email, keeping the pledge', async () => {
    const pledgeId = await subscribe(`leaving-${randomUUID()}@example.org`);
    const link = `${site}/updates/unsubscribe?token=${await createUnsubscribeToken(pledgeId, PREVIEW_HMAC_SECRET)}`;

    const asked = await fetch(link);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Stop the emails');
    const before = await sql.execute({ sql: 'SELECT email FROM subscribers WHERE pledge_id = ?', args: [pledgeId] });
    expect(before.rows[0]?.email).not.toBeNull();

    const done = await fetch(link, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('no more campaign emails');
    const after = await sql.execute({ sql: 'SELECT email, withdrawn_at FROM subscribers WHERE pledge_id = ?', args: [pledgeId] });
    expect(after.rows[0]?.email).toBeNull();
    expect(after.rows[0]?.withdrawn_at).not.toBeNull();
    const pledge = await sql.execute({ sql: 'SELECT count(*) FROM pledges WHERE id = ?', args: [pledgeId] });
    expect(Number(pledge.rows[0]?.[0])).toBe(1);
  });

  it('asks and answers in Spanish at the Spanish address', async () => {
    const es = dictionary('es').unsubscribe;
    const pledgeId = await subscribe(`saliendo-${randomUUID()}@example.org`);
    const link = `${site}/es/updates/unsubscribe?token=${await createUnsubscribeToken(pledgeId, PREVIEW_HMAC_SECRET)}`;
    const asked = await (await fetch(link)).text();
    expect(asked).toContain('<html lang="es"');
    expect(asked).toContain(es.titles.confirm);
    expect(asked).toContain(es.button);
    const done = await fetch(link, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(es.titles.done);
    const { rows } = await sql.execute({ sql: 'SELECT email FROM subscribers WHERE pledge_id = ?', args: [pledgeId] });
    expect(rows[0]?.email).toBeNull();
  });

  it('says a forged or broken link does not work, and changes nothing', async () => {
    const pledgeId = await subscribe(`staying-${randomUUID()}@example.org`);
    for (const token of [`${pledgeId}.${'0'.repeat(64)}`, 'nonsense', '']) {
      const response = await fetch(`${site}/updates/unsubscribe?token=${token}`, { method: 'POST' });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('This link does not work');
    }
    const { rows } = await sql.execute({ sql: 'SELECT email FROM subscribers WHERE pledge_id = ?', args: [pledgeId] });
    expect(rows[0]?.email).not.toBeNull();
  });
});
