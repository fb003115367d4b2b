// The story service on a fake platform: a story sent through /speak-out is sealed and stored, or refused with
// "try again", whatever part of the deployment is missing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sealingKeys, unseal } from '../../src/lib/security/seal.ts';
import { TOKEN_FIELD } from '../../src/lib/security/turnstile.ts';
import { storyService } from '../../src/lib/story/story-service.ts';
import { countingLimiter, FAKE_SECRETS, type FakePlatform, fakePlatform, type FakePlatformOptions, untilDatabaseCalled } from '../support/fake-platform.ts';
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
  it('is stored sealed, opening with the key to what was written, and answered with nothing about it', async () => {
    await given();
    expect(await send({ email: 'writer@example.org' })).toEqual({ kind: 'recorded', format: 'form', locale: 'en' });
    const [row] = await stored();
    expect(JSON.stringify(row)).not.toMatch(/job for me|writer@example/);
    const keys = await sealingKeys(FAKE_SECRETS.storyKey);
    expect(await unseal(keys, String(row!.story), 'story')).toBe(STORY);
    expect(row!.created_at).toBe(platform.clock.now().getTime());
  });

  it('is refused with "try again", never stored in the clear, when SUBMISSION_KEY is missing or malformed', async () => {
    for (const storyKey of [undefined, 'not base64!', btoa('sixteen bytes!!!')]) {
      await given({ secrets: { storyKey } });
      expect(await send()).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 5 });
      expect(await stored()).toEqual([]);
      platform.dispose();
    }
    await given();
  });

  it('is refused with "try again", never an error page, when Turnstile is on but the key it needs is missing', async () => {
    await given({ secrets: { storyKey: undefined, turnstileSiteKey: 'site', turnstileSecretKey: 'secret' }, fetch: async () => Response.json({ success: true }) });
    expect(await send({ [TOKEN_FIELD]: 'token' })).toMatchObject({ kind: 'unavailable' });
    expect(await stored()).toEqual([]);
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
