// Verified pledges in workerd, through `astro preview` with PLEDGE_CONFIRMATION=email: pledge, read the email from
// Wrangler's simulation of the EMAIL binding, open the link (nothing counted), press its button (counted once),
// withdraw, and what an outage does to it. Each test pledges with addresses of its own.
import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPledgeToken } from '../../src/lib/pledge/pledge-token.ts';
import { PREVIEW_HMAC_SECRET } from '../support/global-setup.ts';
import { linkIn, mailTo } from '../support/sent-mail.ts';

const site = inject('verifiedPreviewUrl');
const log = inject('verifiedPreviewLog');
const control = inject('databaseControlUrl');
const sql = createClient({ url: inject('databaseUrl') });
afterAll(() => sql.close());

const address = (name: string) => `${name}-${randomUUID()}@example.org`;
const someone = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

async function pledgeJson(email: string, fields: Record<string, unknown> = {}) {
  const response = await fetch(`${site}/api/pledge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'cf-connecting-ip': someone() },
    body: JSON.stringify({ email, idempotencyKey: randomUUID(), ...fields }),
  });
  return { status: response.status, body: await response.text() };
}

async function pledgeForm(email: string, fields: Record<string, string> = {}, path = '/api/pledge') {
  return fetch(`${site}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': someone() },
    body: new URLSearchParams({ email, idempotencyKey: randomUUID(), ...fields }),
  });
}

const total = async () => Number((await sql.execute('SELECT total FROM tally WHERE id = 1')).rows[0]?.[0]);
const countryTotal = async (country: string) =>
  Number((await sql.execute({ sql: 'SELECT total FROM tally_by_country WHERE country = ?', args: [country] })).rows[0]?.[0] ?? 0);
const statusOf = async (pledgeId: number) => (await sql.execute({ sql: 'SELECT status FROM pledges WHERE id = ?', args: [pledgeId] })).rows[0]?.status;
const idIn = (link: string) => Number(/token=(\d+)\./.exec(link)![1]);

describe('a pledge confirmed from its inbox', () => {
  it('is pending until the button on its link is pressed, then counted once with its country, and once only', async () => {
    const email = address('confirm');
    const answer = await pledgeJson(email, { country: 'NZ' });
    expect(answer).toEqual({ status: 200, body: '{"ok":true,"status":"check-email"}' });
    const [mail] = await mailTo(log, email);
    expect(mail!.subject).toBe('Please confirm your email address');
    expect(mail!.from).toContain('Walkaway');
    const link = linkIn(mail!, 'confirm');
    expect(link.startsWith(`${site}/pledge/confirm?token=`)).toBe(true);
    const [before, nzBefore] = [await total(), await countryTotal('NZ')];
    expect(await statusOf(idIn(link))).toBe('pending');

    // A mail scanner opens the link: a page with a button, nothing counted, nothing cached, no referrer, not indexed.
    const opened = await fetch(link);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    expect(opened.headers.get('x-robots-tag')).toBe('noindex');
    const page = await opened.text();
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain('Confirm my pledge');
    expect(page).toContain('Exit this page');
    expect(page).not.toContain(email);
    expect([await total(), await countryTotal('NZ')]).toEqual([before, nzBefore]);

    const confirmed = await fetch(link, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    const thanks = await confirmed.text();
    expect(thanks).toMatch(/You are walkaway number [\d,]+\./);
    expect(thanks).not.toContain(email);
    expect([await total(), await countryTotal('NZ')]).toEqual([before + 1, nzBefore + 1]);
    expect(await statusOf(idIn(link))).toBe('confirmed');

    const again = await fetch(link, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(await again.text()).not.toContain('You are walkaway number');
    expect(await total()).toBe(before + 1);
  });

  it('sends the plain form to /pledge/check-email, and the Spanish one to /es/pledge/check-email with a Spanish email', async () => {
    const english = await pledgeForm(address('form'));
    expect(english.status).toBe(303);
    expect(english.headers.get('location')).toBe('/pledge/check-email');
    const email = address('es');
    const spanish = await pledgeForm(email, { locale: 'es' });
    expect(spanish.headers.get('location')).toBe('/es/pledge/check-email');
    const page = await fetch(`${site}/es/pledge/check-email`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Revisa tu correo');
    const [mail] = await mailTo(log, email);
    expect(mail!.subject).toBe('Confirma tu dirección de correo');
    expect(linkIn(mail!, 'confirm')).toContain('/es/pledge/confirm?token=');
  });

  it('answers an expired link with 410 and a way to pledge again, and a tampered one with 404, counting nothing', async () => {
    await pledgeJson(address('expired'));
    const pledgeId = Number((await sql.execute('SELECT max(id) FROM pledges')).rows[0]![0]);
    const before = await total();
    const old = await createPledgeToken(PREVIEW_HMAC_SECRET, 'confirm', { pledgeId, issuedAt: Date.now() - 8 * 86_400_000 });
    const expired = await fetch(`${site}/pledge/confirm?token=${old}`, { method: 'POST' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('href="/pledge"');
    const fresh = await createPledgeToken(PREVIEW_HMAC_SECRET, 'confirm', { pledgeId, issuedAt: Date.now() });
    for (const token of [fresh.replace(/.$/, (last) => (last === 'a' ? 'b' : 'a')), `${pledgeId + 1000}${fresh.slice(String(pledgeId).length)}`, 'nonsense']) {
      const tampered = await fetch(`${site}/pledge/confirm?token=${encodeURIComponent(token)}`, { method: 'POST' });
      expect(tampered.status).toBe(404);
      const body = await tampered.text();
      expect(body).toContain('This link does not work');
      expect(body).not.toMatch(/pending|confirmed|withdrawn/i);
    }
    expect(await total()).toBe(before);
  });

  it('is taken back out of the count, total and country, by "this wasn’t me"', async () => {
    const email = address('withdraw');
    await pledgeJson(email, { country: 'IS' });
    const [mail] = await mailTo(log, email);
    await fetch(linkIn(mail!, 'confirm'), { method: 'POST' });
    const [counted, isCounted] = [await total(), await countryTotal('IS')];
    const withdraw = linkIn(mail!, 'withdraw');
    const asked = await fetch(withdraw);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Withdraw the pledge');
    expect(await total()).toBe(counted);
    const done = await fetch(withdraw, { method: 'POST' });
    expect(done.status).toBe(200);
    expect([await total(), await countryTotal('IS')]).toEqual([counted - 1, isCounted - 1]);
    expect(await statusOf(idIn(withdraw))).toBe('withdrawn');
  });
});

describe('what a pledge’s answer reveals', () => {
  it('answers an address pledged twice among new ones exactly as the others, and mails it once', async () => {
    const repeated = address('repeated');
    const last = address('c');
    const answers = [];
    for (const email of [address('a'), repeated, address('b'), repeated.toUpperCase(), last]) answers.push(await pledgeJson(email));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    // The queue delivers in order: once the last pledge's email is out, the repeat's second request has been handled.
    await mailTo(log, last);
    expect(await mailTo(log, repeated)).toHaveLength(1);
  });

  it('never subscribes an address that unsubscribed until it confirms from its inbox', async () => {
    const email = address('unsubscribed');
    await pledgeJson(email, { updates: true });
    const [mail] = await mailTo(log, email);
    await fetch(linkIn(mail!, 'confirm'), { method: 'POST' });
    const pledgeId = idIn(linkIn(mail!, 'confirm'));
    await sql.execute({ sql: 'UPDATE subscribers SET email = NULL, withdrawn_at = ? WHERE pledge_id = ?', args: [Date.now(), pledgeId] });
    expect((await pledgeJson(email, { updates: true })).status).toBe(200);
    const { rows } = await sql.execute({ sql: 'SELECT email, withdrawn_at FROM subscribers WHERE pledge_id = ?', args: [pledgeId] });
    expect(rows[0]?.email).toBeNull();
    expect(rows[0]?.withdrawn_at).not.toBeNull();
  });
});

describe('a pledge while the database is away', () => {
  it('is answered "check your inbox", and once the database is back its pending row and its one email appear', async () => {
    const email = address('outage');
    await fetch(`${control}/stop`);
    try {
      expect(await pledgeJson(email)).toEqual({ status: 200, body: '{"ok":true,"status":"check-email"}' });
    } finally {
      await fetch(`${control}/start`);
    }
    const [mail] = await mailTo(log, email);
    const pledgeId = idIn(linkIn(mail!, 'confirm'));
    expect(await statusOf(pledgeId)).toBe('pending');
    expect(await mailTo(log, email)).toHaveLength(1);
  });
});
