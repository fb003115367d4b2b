// Stories sent through /speak-out, through the story service against the local libSQL server: what is stored (sealed),
// the same answers to bad input and abuse as the pledge, and the organisers' `submissions` commands run as they run them.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORY_CONSENT_VERSION } from '../../src/config.ts';
import { HONEYPOT_FIELD } from '../../src/lib/forms/handle-form-post.ts';
import { sealingKeys, unseal } from '../../src/lib/security/seal.ts';
import { TOKEN_FIELD } from '../../src/lib/security/turnstile.ts';
import { storyService } from '../../src/lib/story/story-service.ts';
import { runNode } from '../support/astro-cli.ts';
import type { FakePlatformOptions } from '../support/fake-platform.ts';
import { formPost, type PostFormat } from '../support/form-post.ts';
import { useLocalDatabase } from '../support/local-database.ts';
import { STAND_IN_SECRET, startTurnstileStandIn } from '../support/turnstile-stand-in.ts';

const KEY = btoa('integration-key-of-32-bytes-long');
const STORY = 'He said he had a job for me abroad. Ñandú, “quoted”.';
const local = useLocalDatabase();
const SITE = new URL('https://walkaway.test/speak-out');
let standIn: Awaited<ReturnType<typeof startTurnstileStandIn>>;
let workdir: string;

beforeAll(async () => {
  standIn = await startTurnstileStandIn();
  workdir = mkdtempSync(join(tmpdir(), 'walkaway-speak-out-'));
});
afterAll(async () => {
  await standIn.close();
  rmSync(workdir, { recursive: true, force: true });
});

const rows = () => local.count('SELECT count(*) FROM submissions');

/** The story service on a platform that seals with KEY; Turnstile off unless asked for. */
const take = async (request: Request, options: FakePlatformOptions = {}) =>
  storyService(await local.platform({ ...options, secrets: { storyKey: KEY, ...options.secrets } })).take(request, SITE);

const fields = (overrides: Record<string, unknown> = {}) => ({
  story: STORY,
  credit: 'first-name',
  creditName: 'Ana',
  relationship: 'survivor',
  country: 'GB',
  contentWarning: 'Mentions grooming.',
  email: 'ana.reader@example.org',
  consent: 'on',
  idempotencyKey: randomUUID(),
  ...overrides,
});

const post = (body: Record<string, unknown>, { format = 'form', headers = {} }: { format?: PostFormat; headers?: Record<string, string> } = {}) =>
  formPost('/api/speak-out', body, { format, headers });

describe('a story, once stored', () => {
  it('is unreadable without the key: nothing anyone wrote is in the row, and no address or device', async () => {
    expect(await take(post(fields()))).toEqual({ kind: 'recorded', format: 'form', locale: 'en' });
    const dump = JSON.stringify((await local.sql.execute('SELECT * FROM submissions')).rows);
    for (const written of ['job for me abroad', 'Ñandú', 'Ana', 'grooming', 'ana.reader', 'example.org']) expect(dump).not.toContain(written);
    const columns = (await local.sql.execute("SELECT name FROM pragma_table_info('submissions')")).rows.map((row) => row.name);
    expect(columns).toEqual([
      'id', 'dedupe_key', 'story', 'credit', 'credit_name', 'relationship', 'country', 'content_warning', 'email', 'consent_version', 'status', 'created_at',
    ]);
  });

  it('opens with the key, each field as written, the choices in the clear', async () => {
    await take(post(fields({ locale: 'es' })));
    const row = (await local.sql.execute('SELECT * FROM submissions')).rows[0]!;
    const keys = await sealingKeys(KEY);
    expect(await unseal(keys, String(row.story), 'story')).toBe(STORY);
    expect(await unseal(keys, String(row.credit_name), 'creditName')).toBe('Ana');
    expect(await unseal(keys, String(row.content_warning), 'contentWarning')).toBe('Mentions grooming.');
    expect(await unseal(keys, String(row.email), 'email')).toBe('ana.reader@example.org');
    expect(row).toMatchObject({ credit: 'first-name', relationship: 'survivor', country: 'GB', consent_version: `${STORY_CONSENT_VERSION}/es`, status: 'new' });
    await expect(unseal(await sealingKeys(btoa('someone-elses-key-32-bytes-long!')), String(row.story), 'story')).rejects.toThrow();
  });

  it('keeps nothing for what was left out', async () => {
    await take(post(fields({ credit: 'anonymous', creditName: 'Ana', contentWarning: '', email: '', country: '' })));
    expect((await local.sql.execute('SELECT credit_name, content_warning, email, country FROM submissions')).rows[0]).toMatchObject({
      credit_name: null,
      content_warning: null,
      email: null,
      country: null,
    });
  });

  it('is stored once when the same form is sent twice, and a second person on the same page is a second story', async () => {
    const sent = fields();
    await take(post(sent));
    await take(post(sent, { format: 'json' }));
    expect(await rows()).toBe(1);
    await take(post({ ...sent, story: 'A different story, from the same page.' }));
    expect(await rows()).toBe(2);
  });
});

describe('bad input and abuse get the same answers as the pledge, and nothing is stored', () => {
  it.each([
    ['no story', fields({ story: '' }), { story: 'storyMissing' }],
    ['no consent', fields({ consent: '' }), { consent: 'consentMissing' }],
    ['a malformed email', fields({ email: 'ana@' }), { email: 'emailFormat' }],
    ['a story too long', fields({ story: 's'.repeat(10_001) }), { story: 'storyTooLong' }],
  ])('%s: 400 with the field, what was typed kept', async (_case, body, errors) => {
    const outcome = await take(post(body));
    expect(outcome).toMatchObject({ kind: 'invalid', format: 'form', errors, values: { story: body.story, creditName: 'Ana' } });
    expect(await rows()).toBe(0);
  });

  it('refuses a post from another site (403), another content type (415) and a body over 128 KB (413)', async () => {
    expect(await take(post(fields(), { headers: { 'sec-fetch-site': 'cross-site' } }))).toMatchObject({ kind: 'refused', status: 403 });
    const xml = new Request('https://walkaway.test/api/speak-out', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<story/>' });
    expect(await take(xml)).toMatchObject({ kind: 'refused', status: 415 });
    expect(await take(post(fields({ story: '%'.repeat(50_000) })))).toMatchObject({ kind: 'refused', status: 413 });
    // A whole 10,000-character story in a non-Latin script still fits, percent-encoded.
    expect(await take(post(fields({ story: '李'.repeat(10_000) })))).toMatchObject({ kind: 'recorded' });
    expect(await rows()).toBe(1);
  });

  it('answers a filled-in honeypot as a success, and stores nothing', async () => {
    expect(await take(post(fields({ [HONEYPOT_FIELD]: 'https://spam.test' })))).toMatchObject({ kind: 'recorded' });
    expect(await rows()).toBe(0);
  });

  it('answers the rate limit with "limited" for valid stories only', async () => {
    const limited = { rateLimiters: { pledge: undefined, story: { limit: async () => ({ success: false }) } } };
    expect(await take(post(fields({ story: '' })), limited)).toMatchObject({ kind: 'invalid' });
    expect(await take(post(fields()), limited)).toMatchObject({ kind: 'limited', retryAfterSeconds: 60, values: { story: STORY } });
    expect(await rows()).toBe(0);
  });

  it('checks Turnstile for this form: a token issued for the pledge cannot send a story', async () => {
    const checked = { secrets: { turnstileSiteKey: 'site-key', turnstileSecretKey: STAND_IN_SECRET, turnstileVerifyUrl: standIn.url }, fetch };
    expect(await take(post(fields()), checked)).toMatchObject({ kind: 'invalid', errors: { turnstile: 'humanCheck' } });
    expect(await take(post(fields({ [TOKEN_FIELD]: `valid-${randomUUID()}` })), checked)).toMatchObject({ kind: 'invalid' });
    expect(await take(post(fields({ [TOKEN_FIELD]: `valid-for-speak-out-${randomUUID()}` })), checked)).toMatchObject({ kind: 'recorded' });
    expect(await rows()).toBe(1);
  });

  it('says "try again" (unavailable) when the database is down, keeping what was typed, with no partial row', async () => {
    await local.database.stop();
    try {
      expect(await take(post(fields()))).toMatchObject({ kind: 'unavailable', values: { story: STORY, email: 'ana.reader@example.org' } });
    } finally {
      await local.database.restart();
    }
    expect(await rows()).toBe(0);
  });
});

describe('npm run walkaway -- submissions', () => {
  const content = () => join(workdir, `content-${randomUUID()}`);
  const walkaway = (args: string[], env: Record<string, string> = {}) =>
    runNode(['scripts/walkaway.ts', 'submissions', ...args], {
      env: { TURSO_DATABASE_URL: local.url, TURSO_AUTH_TOKEN: 'local', SUBMISSION_KEY: KEY, ...env },
    });
  const send = async (overrides: Record<string, unknown> = {}) => {
    await take(post(fields(overrides)));
    return Number((await local.sql.execute('SELECT max(id) FROM submissions')).rows[0]?.[0]);
  };

  it('lists id, date, connection, country, length and status, and never the text', async () => {
    const id = await send();
    const { code, output } = await walkaway(['list']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/^ID\s+SENT\s+CONNECTION\s+COUNTRY\s+LENGTH\s+STATUS$/m);
    expect(output).toMatch(new RegExp(`^${id}\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\s+survivor\\s+GB\\s+${STORY.length}\\s+new$`, 'm'));
    for (const written of ['abroad', 'Ana', 'grooming', 'ana.reader']) expect(output).not.toContain(written);
  });

  it('shows one, unsealed, in the terminal', async () => {
    const id = await send();
    const { code, output } = await walkaway(['show', String(id)]);
    expect(code, output).toBe(0);
    for (const written of [STORY, 'first-name: Ana', 'Mentions grooming.', 'ana.reader@example.org', 'survivor', 'GB']) expect(output).toContain(written);
  });

  it('drafts a story as an MDX draft with the credit and warning filled in, marks it drafted, and never overwrites', async () => {
    const id = await send({ story: 'Line one {x}\nimport nothing', credit: 'initials', creditName: 'A. B.' });
    const dir = content();
    const { code, output } = await walkaway(['draft', String(id)], { WALKAWAY_CONTENT_DIR: dir });
    expect(code, output).toBe(0);
    const file = join(dir, 'stories', `reader-story-${id}.mdx`);
    const source = readFileSync(file, 'utf8');
    expect(source).toContain('author: "A. B."');
    expect(source).toContain('contentWarning: "Mentions grooming."');
    expect(source).toContain('src: ./images/placeholder-hero.jpg');
    expect(source).toContain('draft: true');
    expect(source).toContain('Line one \\{x\\}\n\n&#105;mport nothing');
    expect(existsSync(join(dir, 'stories', 'images', 'placeholder-hero.jpg'))).toBe(true);
    expect((await local.sql.execute({ sql: 'SELECT status FROM submissions WHERE id = ?', args: [id] })).rows[0]?.status).toBe('drafted');

    writeFileSync(file, 'the editor has started');
    const again = await walkaway(['draft', String(id)], { WALKAWAY_CONTENT_DIR: dir });
    expect(again.code).toBe(1);
    expect(again.output).toContain('already exists, and nothing was changed');
    expect(readFileSync(file, 'utf8')).toBe('the editor has started');
  });

  it('drafts a story sent in Spanish among the Spanish stories, credited in Spanish when anonymous', async () => {
    const id = await send({ credit: 'anonymous', locale: 'es' });
    const dir = content();
    expect((await walkaway(['draft', String(id)], { WALKAWAY_CONTENT_DIR: dir })).code).toBe(0);
    const source = readFileSync(join(dir, 'stories', 'es', `reader-story-${id}.mdx`), 'utf8');
    expect(source).toContain('author: "Anónimo"');
    expect(source).toContain('src: ../images/placeholder-hero.jpg');
  });

  it('declines, and deletes at once', async () => {
    const id = await send();
    expect((await walkaway(['decline', String(id)])).code).toBe(0);
    expect((await local.sql.execute({ sql: 'SELECT status FROM submissions WHERE id = ?', args: [id] })).rows[0]?.status).toBe('declined');
    const deleted = await walkaway(['delete', String(id)]);
    expect(deleted.output).toContain(`Deleted submission ${id} for good.`);
    expect(await rows()).toBe(0);
  });

  it.each([
    ['an unknown id', ['show', '999999'], {}, 'there is no submission 999999'],
    ['an id that is not a number', ['delete', 'x'], {}, 'give the number `submissions list` shows'],
    ['another key', ['show', 'ID'], { SUBMISSION_KEY: btoa('not-the-key-that-sealed-these!!!') }, 'the story does not open with this key'],
    ['a key that is not base64', ['list'], { SUBMISSION_KEY: 'short!' }, 'SUBMISSION_KEY is not base64'],
    ['a key of the wrong size', ['list'], { SUBMISSION_KEY: btoa('short') }, 'SUBMISSION_KEY must be 32 bytes'],
  ])('ends with one line and exit 1 for %s', async (_case, args, env, message) => {
    const id = await send();
    const { code, output } = await walkaway(args.map((arg) => (arg === 'ID' ? String(id) : arg)), env);
    expect(code).toBe(1);
    expect(output).toContain(message);
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to guess the key for a database that is not local', async () => {
    const { code, output } = await walkaway(['list'], { TURSO_DATABASE_URL: 'https://walkaway.example.turso.io', SUBMISSION_KEY: '' });
    expect(code).toBe(1);
    expect(output).toContain('SUBMISSION_KEY is not set: put the production value in the environment or .dev.vars');
  });
});
