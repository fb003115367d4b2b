// Verified pledges on a fake platform: pending until confirmed from the inbox, the confirmation email and its queue,
// the confirm and withdraw links, and what none of it may reveal.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUEUE_NAMES } from '../../src/config.ts';
import { forgetPerson } from '../../src/lib/organisers/forget-person.ts';
import { pledgeStats } from '../../src/lib/organisers/pledge-stats.ts';
import { confirmationMailService } from '../../src/lib/pledge/confirmation-mail-service.ts';
import { deadLetterService } from '../../src/lib/pledge/dead-letter-service.ts';
import { maintenanceService } from '../../src/lib/maintenance/maintenance-service.ts';
import { pledgeService } from '../../src/lib/pledge/pledge-service.ts';
import { checkPledgeToken, createPledgeToken } from '../../src/lib/pledge/pledge-token.ts';
import { queueService, type QueuedMessage } from '../../src/lib/pledge/queue-service.ts';
import { verificationService } from '../../src/lib/pledge/verification-service.ts';
import { tallyService } from '../../src/lib/tally/tally-service.ts';
import { type FakePlatform, fakePlatform, type FakePlatformOptions } from '../support/fake-platform.ts';
import { formPost } from '../support/form-post.ts';

const SITE = new URL('https://walkaway.test/pledge');
const SECRET = 'unit-test-secret';
const MINUTE = 60_000;
const DAY = 86_400_000;
let platform: FakePlatform;
const platforms: FakePlatform[] = [];

async function given(options: FakePlatformOptions = {}) {
  platform = await fakePlatform({ ...options, mail: { confirmation: 'email', ...options.mail } });
  platforms.push(platform);
  return platform;
}
afterEach(() => {
  for (const each of platforms.splice(0)) each.dispose();
});

const pledge = (fields: Record<string, unknown> = {}) =>
  pledgeService(platform).take(formPost('/api/pledge', { email: `p-${randomUUID()}@example.org`, ...fields }), SITE);

const message = (body: unknown): QueuedMessage & { outcome?: string } => {
  const queued: QueuedMessage & { outcome?: string } = {
    id: `m-${randomUUID()}`,
    body,
    attempts: 1,
    ack: () => void (queued.outcome = 'ack'),
    retry: () => void (queued.outcome = 'retry'),
  };
  return queued;
};

/** Hands every waiting confirmation request to the consumer, as the queue would, and returns those messages. */
async function deliverMail() {
  const messages = platform.mailRequests.splice(0).map(({ delaySeconds: _delay, ...request }) => message(request));
  await confirmationMailService(platform).consume(messages);
  return messages;
}

const row = async (email: string) => {
  const rows = (await platform.sql.execute('SELECT id, status, country, first_name, updates_email FROM pledges')).rows;
  return rows.length === 1 && email ? rows[0] : rows;
};
const total = async () => Number((await platform.sql.execute('SELECT total FROM tally WHERE id = 1')).rows[0]?.[0] ?? 0);
const countryTotal = async (country: string) =>
  Number((await platform.sql.execute({ sql: 'SELECT total FROM tally_by_country WHERE country = ?', args: [country] })).rows[0]?.[0] ?? 0);
const subscribers = async () => (await platform.sql.execute('SELECT pledge_id, email, withdrawn_at FROM subscribers')).rows;

/** The token in a link of the last email sent. */
function tokenFrom(kind: 'confirm' | 'withdraw', index = -1) {
  const mail = platform.sentMail.at(index)!;
  const match = new RegExp(`/pledge/${kind}\\?token=([^\\s"&]+)`).exec(mail.text);
  return decodeURIComponent(match![1]!);
}

describe('a pledge that must be confirmed by email', () => {
  it('is stored pending, not counted, and answered "check your inbox", with one confirmation email asked for', async () => {
    await given();
    expect(await pledge({ email: 'ana@example.org', country: 'GB' })).toEqual({ kind: 'recorded', format: 'json', locale: 'en', status: 'check-email' });
    expect(await row('ana@example.org')).toMatchObject({ status: 'pending', country: 'GB' });
    expect(await total()).toBe(0);
    expect(platform.mailRequests).toEqual([expect.objectContaining({ email: 'ana@example.org', locale: 'en', origin: 'https://walkaway.test' })]);
  });

  it('is answered the same for an address that is new, pending, confirmed or withdrawn', async () => {
    await given();
    const answers = [await pledge({ email: 'new@example.org' })];
    answers.push(await pledge({ email: 'new@example.org' }));
    await deliverMail();
    await verificationService(platform).confirm(tokenFrom('confirm'), 'POST', SITE);
    answers.push(await pledge({ email: 'new@example.org' }));
    await verificationService(platform).withdraw(tokenFrom('withdraw'), 'POST', SITE);
    answers.push(await pledge({ email: 'new@example.org' }), await pledge({ email: 'other@example.org' }));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  });

  it('never writes a subscriber row before confirmation, and a pledge form never undoes an unsubscribe', async () => {
    await given();
    await pledge({ email: 'sub@example.org', updates: 'on' });
    expect(await subscribers()).toEqual([]);
    await deliverMail();
    await verificationService(platform).confirm(tokenFrom('confirm'), 'POST', SITE);
    expect(await subscribers()).toEqual([expect.objectContaining({ email: 'sub@example.org', withdrawn_at: null })]);
    await platform.sql.execute("UPDATE subscribers SET email = NULL, withdrawn_at = 1");
    await pledge({ email: 'sub@example.org', updates: 'on' });
    await deliverMail();
    expect(await subscribers()).toEqual([expect.objectContaining({ email: null, withdrawn_at: 1 })]);
    expect(platform.sentMail).toHaveLength(1);
  });

  it('is refused with "try again", and nothing stored, when the email cannot be sent: no binding, no queue, no sender', async () => {
    for (const options of [{ email: { sender: 'unbound' } }, { email: { queue: 'unbound' } }, { mail: { from: undefined } }] as FakePlatformOptions[]) {
      await given(options);
      expect(await pledge()).toMatchObject({ kind: 'unavailable' });
      expect(await row('')).toEqual([]);
      expect(platform.lines.join('\n')).toMatch(/PLEDGE_CONFIRMATION is email but .* is missing/);
    }
  });

  it('counts at once with PLEDGE_CONFIRMATION=none, as before, and asks for no email', async () => {
    await given({ mail: { confirmation: 'none' } });
    expect(await pledge({ country: 'FR' })).toEqual({ kind: 'recorded', format: 'json', locale: 'en' });
    expect(await total()).toBe(1);
    expect(platform.mailRequests).toEqual([]);
  });
});

describe('the confirmation email', () => {
  it('is in the pledge’s language, plain text and HTML, with one confirm link and one withdraw link, and no image', async () => {
    await given();
    await pledge({ email: 'Lucia@Example.org', locale: 'es', firstName: 'Lucía' });
    await deliverMail();
    const [mail] = platform.sentMail;
    expect(mail).toMatchObject({ to: 'lucia@example.org', from: { name: 'Walkaway', email: 'confirm@walkaway.example' }, subject: 'Confirma tu dirección de correo' });
    expect(mail!.text).toContain('https://walkaway.test/es/pledge/confirm?token=');
    expect(mail!.text).toContain('https://walkaway.test/es/pledge/withdraw?token=');
    expect(mail!.text).toContain('se borra a los 7 días');
    expect(mail!.html.match(/<a /g)).toHaveLength(2);
    expect(mail!.html).not.toMatch(/<img|src=|traffick|Lucía/i);
    expect(mail!.text).not.toMatch(/traffick|Lucía/i);
  });

  it('never repeats what the form carried: a first name that is a message to the inbox’s owner goes nowhere', async () => {
    await given();
    await pledge({ email: 'target@example.org', firstName: 'We know where you are' });
    await deliverMail();
    expect(JSON.stringify(platform.sentMail)).not.toContain('We know');
  });

  it('is sent once however often the same address pledges within 10 minutes, and once more after', async () => {
    await given();
    for (let i = 0; i < 3; i += 1) await pledge({ email: 'again@example.org' });
    await deliverMail();
    expect(platform.sentMail).toHaveLength(1);
    expect(await row('again@example.org')).toMatchObject({ status: 'pending' });
    platform.setTime(platform.clock.now().getTime() + 9 * MINUTE);
    await pledge({ email: 'again@example.org' });
    await deliverMail();
    expect(platform.sentMail).toHaveLength(1);
    platform.setTime(platform.clock.now().getTime() + 2 * MINUTE);
    await pledge({ email: 'again@example.org' });
    await deliverMail();
    expect(platform.sentMail).toHaveLength(2);
  });

  it('is not sent twice when its message is delivered twice', async () => {
    await given();
    await pledge({ email: 'twice@example.org' });
    const [request] = platform.mailRequests.splice(0);
    const first = message(request);
    const second = message(request);
    await confirmationMailService(platform).consume([first]);
    await confirmationMailService(platform).consume([second]);
    expect(platform.sentMail).toHaveLength(1);
    expect([first.outcome, second.outcome]).toEqual(['ack', 'ack']);
  });

  it('is not sent once the pledge is confirmed, withdrawn or forgotten before the queue gets to it', async () => {
    await given();
    await pledge({ email: 'gone@example.org' });
    await platform.sql.execute('DELETE FROM pledges');
    await deliverMail();
    expect(platform.sentMail).toEqual([]);
  });

  it('keeps to EMAIL_RATE_PER_MINUTE: what is over goes back in the queue for the next minutes, nothing is dropped', async () => {
    await given({ settings: { EMAIL_RATE_PER_MINUTE: 2 } });
    for (let i = 0; i < 5; i += 1) await pledge();
    const messages = await deliverMail();
    expect(platform.sentMail).toHaveLength(2);
    expect(messages.every((each) => each.outcome === 'ack')).toBe(true);
    expect(platform.mailRequests).toHaveLength(3);
    const delays = platform.mailRequests.map((request) => request.delaySeconds!);
    expect(delays[0]).toBeGreaterThan(0);
    expect(delays[0]).toBeLessThanOrEqual(60);
    expect(delays[2]! - delays[0]!).toBe(60);
    await deliverMail();
    expect(platform.sentMail).toHaveLength(2);
    platform.setTime(platform.clock.now().getTime() + MINUTE);
    await deliverMail();
    expect(platform.sentMail).toHaveLength(4);
  });

  it('is retried when the email service refuses it, and then sent once', async () => {
    await given({ email: { sender: 'refusing' } });
    await pledge({ email: 'retry@example.org' });
    const [request] = platform.mailRequests.splice(0);
    const failed = message(request);
    await confirmationMailService(platform).consume([failed]);
    expect(failed.outcome).toBe('retry');
    expect(platform.lines.join('\n')).not.toContain('retry@example.org');
    platform.email = { send: async (mail) => void platform.sentMail.push(mail) };
    await confirmationMailService(platform).consume([message(request)]);
    expect(platform.sentMail).toHaveLength(1);
  });
});

describe('what a pledge with a known address can do', () => {
  it('mails a confirmed address again, no more than every 10 minutes, saying it is counted, with no confirm link', async () => {
    await given();
    await pledge({ email: 'counted@example.org' });
    await deliverMail();
    await verificationService(platform).confirm(tokenFrom('confirm'), 'POST', SITE);
    platform.setTime(platform.clock.now().getTime() + 11 * MINUTE);
    await pledge({ email: 'counted@example.org', country: 'FR', updates: 'on' });
    await deliverMail();
    expect(platform.sentMail).toHaveLength(2);
    const [first, again] = platform.sentMail;
    expect(again!.subject).toBe(first!.subject);
    expect(again!.text).toContain('has confirmed its pledge already');
    expect(again!.text).not.toContain('/pledge/confirm');
    expect(again!.text).toContain('/pledge/withdraw?token=');
    // Nothing about the confirmed pledge changed: no country moved, no subscription was made.
    expect(await row('counted@example.org')).toMatchObject({ status: 'confirmed', country: null, updates_email: null });
    expect(await subscribers()).toEqual([]);
  });

  it('changes nothing and sends nothing for a week after "this wasn’t me", then starts afresh with one email', async () => {
    await given();
    await pledge({ email: 'harassed@example.org' });
    await deliverMail();
    await verificationService(platform).withdraw(tokenFrom('withdraw'), 'POST', SITE);
    for (let day = 1; day < 7; day += 1) {
      platform.setTime(platform.clock.now().getTime() + DAY);
      expect(await pledge({ email: 'harassed@example.org', country: 'GB' })).toMatchObject({ status: 'check-email' });
      await deliverMail();
    }
    expect(platform.sentMail).toHaveLength(1);
    expect(await row('harassed@example.org')).toMatchObject({ status: 'withdrawn', country: null });
    platform.setTime(platform.clock.now().getTime() + DAY + MINUTE);
    await pledge({ email: 'harassed@example.org' });
    await deliverMail();
    expect(platform.sentMail).toHaveLength(2);
    expect(await row('harassed@example.org')).toMatchObject({ status: 'pending' });
  });

  it('cannot add the wish for updates to someone else’s pending pledge; the email says when updates were asked for', async () => {
    await given();
    await pledge({ email: 'owner@example.org' });
    await pledge({ email: 'owner@example.org', updates: 'on' });
    await deliverMail();
    expect(platform.sentMail[0]!.text).not.toContain('campaign emails');
    await verificationService(platform).confirm(tokenFrom('confirm'), 'POST', SITE);
    expect(await subscribers()).toEqual([]);
    await pledge({ email: 'asked@example.org', updates: 'on' });
    await deliverMail();
    expect(platform.sentMail[1]!.text).toContain('You also asked for occasional campaign emails');
  });
});

describe('where the links point', () => {
  it('is the site’s public address, whatever host the request named, once the site has one', async () => {
    await given({ site: 'https://walkaway.example' });
    await pledgeService(platform).take(formPost('/api/pledge', { email: 'links@example.org' }), new URL('https://walkaway.workers.dev/api/pledge'));
    await deliverMail();
    expect(platform.sentMail[0]!.text).toContain('https://walkaway.example/pledge/confirm?token=');
    expect(platform.sentMail[0]!.text).not.toContain('workers.dev');
  });

  it('refuses pledges in a deployed Worker whose sender is still the placeholder, said once', async () => {
    await given({ secrets: { databaseUrl: 'libsql://walkaway.turso.io', turnstileDisabled: 'true' }, mail: { from: 'confirm@walkaway.example' } });
    expect(await pledge()).toMatchObject({ kind: 'unavailable' });
    expect(await row('')).toEqual([]);
    expect(platform.lines.join('\n')).toContain('EMAIL_FROM is the placeholder');
  });
});

describe('the confirm link', () => {
  async function pending(fields: Record<string, unknown> = {}) {
    await pledge(fields);
    await deliverMail();
    return tokenFrom('confirm');
  }

  it('only asks when opened (as a mail scanner would), and counts the pledge once when its button is pressed', async () => {
    await given();
    const token = await pending({ country: 'ES' });
    expect(await verificationService(platform).confirm(token, 'GET', SITE)).toMatchObject({ kind: 'ask', withdrawToken: expect.any(String) });
    expect(await total()).toBe(0);
    expect(await verificationService(platform).confirm(token, 'POST', SITE)).toMatchObject({ kind: 'confirmed', number: 1 });
    expect([await total(), await countryTotal('ES')]).toEqual([1, 1]);
    expect((await tallyService(platform).current(SITE))?.total).toBe(1);
    expect(await verificationService(platform).confirm(token, 'POST', SITE)).toMatchObject({ kind: 'already-confirmed' });
    expect(await total()).toBe(1);
  });

  it('tells each person their own number', async () => {
    await given();
    const first = await pending();
    const second = await pending();
    expect(await verificationService(platform).confirm(second, 'POST', SITE)).toMatchObject({ number: 1 });
    expect(await verificationService(platform).confirm(first, 'POST', SITE)).toMatchObject({ number: 2 });
  });

  it('has expired after 7 days (410, with a way to pledge again), and changes nothing', async () => {
    await given();
    const token = await pending();
    platform.setTime(platform.clock.now().getTime() + 7 * DAY + MINUTE);
    expect(await verificationService(platform).confirm(token, 'POST', SITE)).toEqual({ kind: 'expired' });
    expect(await total()).toBe(0);
  });

  it.each([
    ['altered', (token: string) => token.replace(/.$/, (last) => (last === '0' ? '1' : '0'))],
    ['for another pledge', (token: string) => token.replace(/^\d+/, '99')],
    ['cut short', (token: string) => token.slice(0, -4)],
    ['empty', () => ''],
    ['not a token', () => '<script>alert(1)</script>'],
  ])('answers a token %s as unknown, and reveals nothing', async (_name, tamper) => {
    await given();
    const token = await pending();
    expect(await verificationService(platform).confirm(tamper(token), 'POST', SITE)).toEqual({ kind: 'unknown' });
    expect(await total()).toBe(0);
  });

  it('is no withdraw link, and a withdraw link is no confirm link: each is signed for its purpose', async () => {
    await given();
    await pending();
    expect(await verificationService(platform).confirm(tokenFrom('withdraw'), 'POST', SITE)).toEqual({ kind: 'unknown' });
    expect(await verificationService(platform).withdraw(tokenFrom('confirm'), 'POST', SITE)).toEqual({ kind: 'unknown' });
  });

  it('carries no email, in the clear or hashed', async () => {
    await given();
    const token = await pending({ email: 'hidden@example.org' });
    const hash = (await platform.sql.execute('SELECT email_hmac FROM pledges')).rows[0]![0];
    expect(token).not.toMatch(/hidden|example/);
    expect(token).not.toContain(String(hash).slice(0, 16));
    expect(await checkPledgeToken(SECRET, 'confirm', token, platform.clock.now())).toMatchObject({ kind: 'valid' });
    expect(await checkPledgeToken('another secret', 'confirm', token, platform.clock.now())).toEqual({ kind: 'unknown' });
  });

  it('answers "try again" (503) when the database is away, and counts nothing', async () => {
    await given();
    const token = await pending();
    platform.setDatabase('down');
    expect(await verificationService(platform).confirm(token, 'POST', SITE)).toEqual({ kind: 'unavailable' });
    platform.setDatabase('up');
    expect(await total()).toBe(0);
  });
});

describe('the withdraw link ("this wasn’t me")', () => {
  it('asks when opened, and when pressed takes the pledge out of the count, total and country, and ends the emails', async () => {
    await given();
    await pledge({ email: 'w@example.org', country: 'PT', updates: 'on', firstName: 'Rui' });
    await deliverMail();
    await verificationService(platform).confirm(tokenFrom('confirm'), 'POST', SITE);
    expect([await total(), await countryTotal('PT')]).toEqual([1, 1]);
    expect(await verificationService(platform).withdraw(tokenFrom('withdraw'), 'GET', SITE)).toEqual({ kind: 'ask' });
    expect(await total()).toBe(1);
    expect(await verificationService(platform).withdraw(tokenFrom('withdraw'), 'POST', SITE)).toEqual({ kind: 'withdrawn' });
    expect([await total(), await countryTotal('PT')]).toEqual([0, 0]);
    expect((await tallyService(platform).current(SITE))?.total).toBe(0);
    expect(await row('w@example.org')).toMatchObject({ status: 'withdrawn', country: null, first_name: null, updates_email: null });
    expect(await subscribers()).toEqual([expect.objectContaining({ email: null })]);
    expect(await verificationService(platform).withdraw(tokenFrom('withdraw'), 'POST', SITE)).toEqual({ kind: 'withdrawn' });
    expect(await total()).toBe(0);
  });

  it('leaves a pending pledge that can no longer be confirmed by its old link, and sends nothing more unless it is pledged again', async () => {
    await given();
    await pledge({ email: 'notme@example.org' });
    await deliverMail();
    await verificationService(platform).withdraw(tokenFrom('withdraw'), 'POST', SITE);
    expect(await verificationService(platform).confirm(tokenFrom('confirm'), 'POST', SITE)).toEqual({ kind: 'already-withdrawn' });
    expect(await total()).toBe(0);
    await deliverMail();
    expect(platform.sentMail).toHaveLength(1);
  });

  it('never expires: update emails carry it for years', async () => {
    await given();
    await pledge();
    await deliverMail();
    platform.setTime(platform.clock.now().getTime() + 400 * DAY);
    expect(await verificationService(platform).withdraw(tokenFrom('withdraw'), 'GET', SITE)).toEqual({ kind: 'ask' });
  });
});

describe('the outage path', () => {
  it('queues the pending pledge, and once it is written its one email goes out', async () => {
    await given();
    platform.setDatabase('down');
    expect(await pledge({ email: 'outage@example.org' })).toMatchObject({ status: 'check-email' });
    expect(platform.mailRequests).toEqual([]);
    expect(platform.queued).toHaveLength(1);
    platform.setDatabase('up');
    const [queued] = platform.queued.splice(0);
    await queueService(platform).consume([message(queued), message(queued)]);
    expect(await row('outage@example.org')).toMatchObject({ status: 'pending' });
    await deliverMail();
    expect(platform.sentMail.map((mail) => mail.to)).toEqual(['outage@example.org']);
  });
});

describe('the dead-letter queues', () => {
  it('keep what failed every delivery without the address it was for, until the person is forgotten', async () => {
    await given();
    platform.setDatabase('down');
    await pledge({ email: 'dead@example.org' });
    platform.setDatabase('up');
    const [queued] = platform.queued;
    await pledge({ email: 'dead@example.org' });
    const [request] = platform.mailRequests;
    const letters = [message(request), message(queued)];
    await deadLetterService(platform).consume(QUEUE_NAMES.emailsDeadLetter, [letters[0]!]);
    await deadLetterService(platform).consume(QUEUE_NAMES.pledgesDeadLetter, [letters[1]!]);
    expect(letters.map((letter) => letter.outcome)).toEqual(['ack', 'ack']);
    const kept = (await platform.sql.execute('SELECT queue, body FROM dead_letters ORDER BY id')).rows.map((row) => [row[0], String(row[1])]);
    expect(kept.map(([queue]) => queue)).toEqual([QUEUE_NAMES.emailsDeadLetter, QUEUE_NAMES.pledgesDeadLetter]);
    for (const [, body] of kept) {
      expect(body).not.toContain('dead@example.org');
      expect(body).toContain(request!.emailHmac);
    }
    expect((await pledgeStats(platform.database!(), { days: 1, now: platform.clock.now() })).mail.deadLetters).toEqual({
      [QUEUE_NAMES.emailsDeadLetter]: 1,
      [QUEUE_NAMES.pledgesDeadLetter]: 1,
    });
    await forgetPerson(platform.database!(), request!.emailHmac, { dryRun: false });
    expect((await platform.sql.execute('SELECT count(*) FROM dead_letters')).rows[0]![0]).toBe(0);
  });
});

describe('the scheduled job', () => {
  it('deletes pending pledges nobody confirmed within 7 days, and leaves every other pledge and the count alone', async () => {
    await given();
    await pledge({ email: 'old@example.org' });
    await pledge({ email: 'kept@example.org' });
    await deliverMail();
    await verificationService(platform).confirm(tokenFrom('confirm'), 'POST', SITE);
    platform.setTime(platform.clock.now().getTime() + 7 * DAY + MINUTE);
    await pledge({ email: 'recent@example.org' });
    await maintenanceService(platform).run();
    const left = (await platform.sql.execute('SELECT status FROM pledges ORDER BY id')).rows.map((each) => each[0]);
    expect(left).toEqual(['confirmed', 'pending']);
    expect(await total()).toBe(1);
  });
});

describe('tokens', () => {
  it('are short enough for any mail client, and differ per purpose', async () => {
    const token = { pledgeId: 123_456, issuedAt: Date.UTC(2026, 11, 2) };
    const confirm = await createPledgeToken(SECRET, 'confirm', token);
    expect(confirm.length).toBeLessThan(60);
    expect(confirm).not.toBe(await createPledgeToken(SECRET, 'withdraw', token));
  });
});

vi.setConfig({ testTimeout: 20_000 });
