// The story service on a fake platform: a story sent through /speak-out is sealed and stored, or refused with
// "try again", whatever part of the deployment is missing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newEditorKey, openStoryContent, UnsealError } from '../../src/lib/story/seal-story.ts';
import { HONEYPOT_FIELD } from '../../src/lib/forms/handle-form-post.ts';
import { TOKEN_FIELD } from '../../src/lib/security/turnstile.ts';
import { storyService } from '../../src/lib/story/story-service.ts';
import { countingLimiter, type FakePlatform, fakePlatform, type FakePlatformOptions, TEST_EDITOR, untilDatabaseCalled } from '../support/fake-platform.ts';
import { formPost } from '../support/form-post.ts';

const SITE = new URL('https://walkaway.test/speak-out');
const STORY = 'He said he had a job for me abroad. {first} <b>';
let platform: FakePlatform;

async function given(options: FakePlatformOptions = {}) {
  platform = await fakePlatform(options);
  return platform;
}
afterEach(() => {
  vi.useRealTimers();
  platform.dispose();
});

const send = (fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  storyService(platform).take(
    formPost('/api/speak-out', { story: STORY, credit: 'anonymous', relationship: 'survivor', consent: 'on', ...fields }, { format: 'form', headers }),
    SITE,
  );
const stored = async () => (await platform.sql.execute('SELECT * FROM submissions')).rows;

describe('a story', () => {
  it('is stored sealed to the editors, opening only with an editor\'s identity, and answered with nothing about it', async () => {
    await given();
    expect(await send({ email: 'writer@example.org', credit: 'initials', creditName: 'J.' })).toEqual({ kind: 'recorded', format: 'form', locale: 'en' });
    const [row] = await stored();
    expect(JSON.stringify(row)).not.toMatch(/job for me|writer@example|"J\."/);
    expect(row!.story).toBeNull();
    expect(await openStoryContent(String(row!.sealed), { identities: [TEST_EDITOR.identity], row: String(row!.seal_id) })).toEqual({
      story: STORY,
      creditName: 'J.',
      contentWarning: null,
      email: 'writer@example.org',
    });
    const stranger = await newEditorKey();
    await expect(openStoryContent(String(row!.sealed), { identities: [stranger.identity], row: String(row!.seal_id) })).rejects.toThrow(UnsealError);
  });

  it('opens for every editor in STORY_RECIPIENTS, each with their own identity', async () => {
    const second = await newEditorKey();
    await given({ secrets: { storyRecipients: `${TEST_EDITOR.recipient}\n${second.recipient}` } });
    await send();
    const [row] = await stored();
    for (const editor of [TEST_EDITOR, second]) {
      expect((await openStoryContent(String(row!.sealed), { identities: [editor.identity], row: String(row!.seal_id) })).story).toBe(STORY);
    }
  });

  it('is bound to its row: a sealed story moved to another row does not open', async () => {
    await given();
    await send({ idempotencyKey: crypto.randomUUID() });
    await send({ idempotencyKey: crypto.randomUUID(), story: 'Another story altogether.' });
    const [first, second] = await stored();
    expect(first!.seal_id).not.toBe(second!.seal_id);
    await expect(openStoryContent(String(first!.sealed), { identities: [TEST_EDITOR.identity], row: String(second!.seal_id) })).rejects.toThrow(
      /another row/,
    );
  });

  it('is dated to the day, never to the moment it arrived', async () => {
    await given();
    platform.setTime(Date.parse('2026-12-02T17:43:12.345Z'));
    await send();
    expect((await stored())[0]!.created_at).toBe(Date.parse('2026-12-02T00:00:00.000Z'));
  });

  it('sent again with the credit made anonymous and the email taken out keeps the last send, not the first', async () => {
    await given();
    const form = crypto.randomUUID();
    await send({ idempotencyKey: form, credit: 'first-name', creditName: 'Jo', email: 'jo@example.org' });
    await send({ idempotencyKey: form, credit: 'anonymous', creditName: '', email: '' });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.credit).toBe('anonymous');
    expect(await openStoryContent(String(rows[0]!.sealed), { identities: [TEST_EDITOR.identity], row: String(rows[0]!.seal_id) })).toMatchObject({
      creditName: null,
      email: null,
    });
  });

  it('sent again once an editor has taken it up, or days later, changes nothing: whoever gets hold of the form cannot rewrite it', async () => {
    await given();
    const [drafted, old] = [crypto.randomUUID(), crypto.randomUUID()];
    await send({ idempotencyKey: drafted, email: 'survivor@example.org' });
    await send({ idempotencyKey: old, email: 'survivor@example.org' });
    await platform.sql.execute("UPDATE submissions SET status = 'drafted' WHERE id = 1");
    platform.setTime(platform.clock.now().getTime() + 2 * 86_400_000);
    const before = await stored();
    for (const idempotencyKey of [drafted, old]) {
      expect(await send({ idempotencyKey, email: 'abuser@example.org', story: 'junk', [HONEYPOT_FIELD]: 'x' })).toMatchObject({ kind: 'recorded' });
    }
    expect(await stored()).toEqual(before);
  });

  it('sent again with the trap field filled in is flagged for an editor, and never unflagged by a later send', async () => {
    await given();
    const form = crypto.randomUUID();
    await send({ idempotencyKey: form });
    await send({ idempotencyKey: form, [HONEYPOT_FIELD]: 'x' });
    await send({ idempotencyKey: form });
    expect((await stored()).map((row) => row.status)).toEqual(['flagged']);
  });

  it('is refused with "try again" (503), never stored in the clear, when STORY_RECIPIENTS is missing or malformed', async () => {
    for (const storyRecipients of [undefined, '', 'not-a-key', btoa('sixteen bytes!!!'), `${TEST_EDITOR.recipient} AGE-SECRET-KEY-1XYZ`]) {
      await given({ secrets: { storyRecipients } });
      expect(await send()).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 5 });
      expect(await stored()).toEqual([]);
      expect(platform.lines.join('\n')).toMatch(/STORY_RECIPIENTS .*stories cannot be sealed/);
      platform.dispose();
    }
    await given();
  });

  it('is refused with "try again", never an error page, when Turnstile is on but the key it needs is missing', async () => {
    await given({ secrets: { hmacSecret: undefined, turnstileSiteKey: 'site', turnstileSecretKey: 'secret' }, fetch: async () => Response.json({ success: true }) });
    expect(await send({ [TOKEN_FIELD]: 'token' })).toMatchObject({ kind: 'unavailable' });
    expect(await stored()).toEqual([]);
  });

  it('that came with the trap field filled in is kept, flagged for an editor, and its writer thanked as anyone', async () => {
    await given();
    expect(await send({ [HONEYPOT_FIELD]: 'autofilled' })).toEqual({ kind: 'recorded', format: 'form', locale: 'en' });
    expect((await stored()).map((row) => row.status)).toEqual(['flagged']);
  });

  it('that fails to be stored is logged by error name and code only: nothing it held or was sealed into reaches the log', async () => {
    await given();
    await platform.sql.execute('DROP TABLE submissions');
    expect(await send({ email: 'writer@example.org', credit: 'first-name', creditName: 'Josephine' })).toMatchObject({ kind: 'unavailable' });
    const log = platform.lines.join('\n');
    expect(log).toContain('story could not be stored');
    expect(log).toMatch(/no such table/);
    expect(log).not.toMatch(/job for me|writer@example|Josephine|AGE ENCRYPTED|survivor|insert into/i);
  });

  it('is refused with "try again" once the database has taken DATABASE_TIMEOUT_MS, with no row left behind', async () => {
    await given({ settings: { DATABASE_TIMEOUT_MS: 500 } });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    platform.setDatabase('stalled');
    const sending = send();
    await untilDatabaseCalled(platform);
    await vi.advanceTimersByTimeAsync(500);
    expect(await sending).toMatchObject({ kind: 'unavailable' });
    platform.setDatabase('up');
    expect(await stored()).toEqual([]);
  });

  it('is limited to three a minute from one address when the limiter is bound, and told to wait the minute', async () => {
    await given({ rateLimiters: { pledge: undefined, story: countingLimiter(3) } });
    const from = { 'cf-connecting-ip': '198.51.100.7' };
    for (let n = 0; n < 3; n += 1) expect((await send({}, from)).kind).toBe('recorded');
    expect(await send({}, from)).toMatchObject({ kind: 'limited', retryAfterSeconds: 60 });
  });

  it('needs a Turnstile token issued for the story form when Turnstile is on: a pledge token cannot send one', async () => {
    const answers = { pledge: { success: true, hostname: 'walkaway.test', action: 'pledge' }, story: { success: true, hostname: 'walkaway.test', action: 'speak-out' } };
    let answer = answers.pledge;
    await given({ secrets: { turnstileSiteKey: 'site', turnstileSecretKey: 'secret' }, fetch: async () => Response.json(answer) });
    expect(await send({ [TOKEN_FIELD]: 'pledge-token' })).toMatchObject({ kind: 'invalid', errors: { turnstile: 'humanCheck' } });
    answer = answers.story;
    expect(await send({ [TOKEN_FIELD]: 'story-token' })).toMatchObject({ kind: 'recorded' });
    expect(storyService(platform).formPage().turnstileSiteKey).toBe('site');
  });
});

describe('what /speak-out states', () => {
  it('is the retention period the scheduled clean-up uses', async () => {
    await given({ settings: { STORY_RETENTION_DAYS: 30 } });
    expect(storyService(platform).formPage()).toEqual({ turnstileSiteKey: undefined, retentionDays: 30 });
  });
});
