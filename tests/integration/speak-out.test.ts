// Stories sent through /speak-out, through the story service against the local libSQL server: what is stored (sealed),
// the same answers to bad input and abuse as the pledge, and the organisers' `submissions` commands run as they run them.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORY_CONSENT_VERSION } from '../../src/config.ts';
import { HONEYPOT_FIELD } from '../../src/lib/forms/handle-form-post.ts';
import { sealingKeys } from '../../src/lib/story/legacy-seal.ts';
import { newEditorKey, openStoryContent } from '../../src/lib/story/seal-story.ts';
import { TOKEN_FIELD } from '../../src/lib/security/turnstile.ts';
import { storyService } from '../../src/lib/story/story-service.ts';
import { runNode } from '../support/astro-cli.ts';
import { type FakePlatformOptions, TEST_EDITOR } from '../support/fake-platform.ts';
import { formPost, type PostFormat } from '../support/form-post.ts';
import { legacySeal } from '../support/legacy-seal.ts';
import { useLocalDatabase } from '../support/local-database.ts';
import { STAND_IN_SECRET, startTurnstileStandIn } from '../support/turnstile-stand-in.ts';

const RETIRED_KEY = btoa('integration-key-of-32-bytes-long');
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

/** The story service on a platform that seals to the test editor; Turnstile off unless asked for. */
const take = async (request: Request, options: FakePlatformOptions = {}) => storyService(await local.platform(options)).take(request, SITE);
const opened = async (row: Record<string, unknown>, identity = TEST_EDITOR.identity) =>
  openStoryContent(String(row.sealed), { identities: [identity], row: String(row.seal_id) });

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
  it('is unreadable without an editor\'s identity: nothing anyone wrote is in the row, and no address, device or time of day', async () => {
    expect(await take(post(fields()))).toEqual({ kind: 'recorded', format: 'form', locale: 'en' });
    const { sealed, ...clear } = { ...(await local.sql.execute('SELECT * FROM submissions')).rows[0]! };
    // The sealed column is base64, where a short word such as "Ana" turns up by chance in about one run in 150:
    // it is checked as an age file here and by opening it in the next test.
    expect(sealed).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n[A-Za-z0-9+/=\n]+-----END AGE ENCRYPTED FILE-----\n$/);
    const dump = JSON.stringify(clear);
    for (const written of ['job for me abroad', 'Ñandú', 'Ana', 'grooming', 'ana.reader', 'example.org']) expect(dump).not.toContain(written);
    const columns = (await local.sql.execute("SELECT name FROM pragma_table_info('submissions')")).rows.map((row) => row.name);
    expect(columns).toEqual([
      'id', 'dedupe_key', 'seal_id', 'sealed', 'story', 'credit', 'credit_name', 'relationship', 'country', 'content_warning', 'email', 'consent_version', 'status', 'created_at',
    ]);
    expect(Number((await local.sql.execute('SELECT created_at FROM submissions')).rows[0]![0]) % 86_400_000).toBe(0);
  });

  it('opens with an editor\'s identity, every field as written, the choices in the clear', async () => {
    await take(post(fields({ locale: 'es' })));
    const row = (await local.sql.execute('SELECT * FROM submissions')).rows[0]!;
    expect(await opened(row)).toEqual({ story: STORY, creditName: 'Ana', contentWarning: 'Mentions grooming.', email: 'ana.reader@example.org' });
    expect(row).toMatchObject({ credit: 'first-name', relationship: 'survivor', country: 'GB', consent_version: `${STORY_CONSENT_VERSION}/es`, status: 'new' });
    expect([row.story, row.credit_name, row.content_warning, row.email]).toEqual([null, null, null, null]);
    await expect(opened(row, (await newEditorKey()).identity)).rejects.toThrow();
  });

  it('keeps nothing for what was left out', async () => {
    await take(post(fields({ credit: 'anonymous', creditName: 'Ana', contentWarning: '', email: '', country: '' })));
    const row = (await local.sql.execute('SELECT * FROM submissions')).rows[0]!;
    expect(row.country).toBeNull();
    expect(await opened(row)).toMatchObject({ creditName: null, contentWarning: null, email: null });
  });

  it('is stored once when the same form is sent again, holding the last send; a fresh form is a second story', async () => {
    const sent = fields();
    await take(post(sent));
    await take(post({ ...sent, credit: 'anonymous', email: '' }, { format: 'json' }));
    expect(await rows()).toBe(1);
    const row = (await local.sql.execute('SELECT * FROM submissions')).rows[0]!;
    expect(row.credit).toBe('anonymous');
    expect(await opened(row)).toMatchObject({ creditName: null, email: null });
    await take(post({ ...sent, story: 'The story, corrected before sending again.' }));
    expect(await rows()).toBe(1);
    expect((await opened((await local.sql.execute('SELECT * FROM submissions')).rows[0]!)).story).toBe('The story, corrected before sending again.');
    await take(post(fields({ story: 'Another story, from a fresh page.' })));
    expect(await rows()).toBe(2);
  });
});

describe('bad input and abuse get the same answers as the pledge', () => {
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

  it('answers a filled-in trap field as a success, and keeps the story flagged for an editor rather than drop it', async () => {
    expect(await take(post(fields({ [HONEYPOT_FIELD]: 'https://spam.test' })))).toMatchObject({ kind: 'recorded' });
    expect((await local.sql.execute('SELECT status FROM submissions')).rows.map((row) => row.status)).toEqual(['flagged']);
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
  const folders = () => {
    const dir = join(workdir, randomUUID());
    return { content: join(dir, 'content'), inbox: join(dir, 'inbox') };
  };
  const walkaway = (args: string[], env: Record<string, string> = {}) =>
    runNode(['scripts/walkaway.ts', ...args], {
      env: { TURSO_DATABASE_URL: local.url, TURSO_AUTH_TOKEN: 'local', WALKAWAY_EDITOR_IDENTITY: TEST_EDITOR.identity, ...env },
    });
  const submissions = (args: string[], env: Record<string, string> = {}) => walkaway(['submissions', ...args], env);
  const send = async (overrides: Record<string, unknown> = {}) => {
    await take(post(fields(overrides)));
    return Number((await local.sql.execute('SELECT max(id) FROM submissions')).rows[0]?.[0]);
  };
  const status = async (id: number) => (await local.sql.execute({ sql: 'SELECT status FROM submissions WHERE id = ?', args: [id] })).rows[0]?.status;

  it('lists id, day, connection, country, length and status, and never the text', async () => {
    const id = await send();
    const { code, output } = await submissions(['list']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/^ID\s+SENT\s+CONNECTION\s+COUNTRY\s+LENGTH\s+STATUS$/m);
    expect(output).toMatch(new RegExp(`^${id}\\s+\\d{4}-\\d{2}-\\d{2}\\s+survivor\\s+GB\\s+${STORY.length}\\s+new$`, 'm'));
    for (const written of ['abroad', 'Ana', 'grooming', 'ana.reader']) expect(output).not.toContain(written);
  });

  it("shows one, opened with the editor's identity from a file, in the terminal, with hidden characters made visible", async () => {
    const id = await send({ story: `${STORY} \u202Egnp.exe \u200Bx\u2066y` });
    const identityFile = join(workdir, `${randomUUID()}.txt`);
    writeFileSync(identityFile, `# public key: ${TEST_EDITOR.recipient}\n${TEST_EDITOR.identity}\n`);
    const { code, output } = await submissions(['show', String(id)], { WALKAWAY_EDITOR_IDENTITY: '', WALKAWAY_EDITOR_IDENTITY_FILE: identityFile });
    expect(code, output).toBe(0);
    for (const written of [STORY, 'first-name: Ana', 'Mentions grooming.', 'ana.reader@example.org', 'survivor', 'GB']) expect(output).toContain(written);
    expect(output).toContain('⟨U+202E⟩gnp.exe ⟨U+200B⟩x⟨U+2066⟩y');
    expect(output).not.toMatch(/[\u202E\u200B\u2066]/);
  });

  it('makes a new editor identity, readable by its owner alone, whose public key seals stories it then opens', async () => {
    const file = join(workdir, `editor-${randomUUID()}.txt`);
    const made = await walkaway(['new-editor-key', '--out', file]);
    expect(made.code, made.output).toBe(0);
    const recipient = made.output.match(/age1[0-9a-z]{58}/)![0];
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(made.output).not.toContain('AGE-SECRET-KEY');
    expect((await walkaway(['new-editor-key', '--out', file])).output).toContain('exists, and nothing was changed');
    const inside = await walkaway(['new-editor-key', '--out', `editor-${randomUUID()}.txt`]);
    expect([inside.code, inside.output]).toEqual([1, expect.stringContaining('inside the project')]);

    await storyService(await local.platform({ secrets: { storyRecipients: recipient } })).take(post(fields()), SITE);
    const id = Number((await local.sql.execute('SELECT max(id) FROM submissions')).rows[0]?.[0]);
    const shown = await submissions(['show', String(id)], { WALKAWAY_EDITOR_IDENTITY: '', WALKAWAY_EDITOR_IDENTITY_FILE: file });
    expect(shown.code, shown.output).toBe(0);
    expect(shown.output).toContain(STORY);
  });

  it('drafts a story into the git-ignored inbox as inert text, marks it drafted after writing, never overwrites, and moves it into content/stories/', async () => {
    const id = await send({ story: 'Line one {x}\nimport nothing\n![x](../../.dev.vars?raw)', credit: 'initials', creditName: 'A. B.' });
    const { content, inbox } = folders();
    const env = { WALKAWAY_CONTENT_DIR: content, WALKAWAY_INBOX_DIR: inbox };
    const { code, output } = await submissions(['draft', String(id)], env);
    expect(code, output).toBe(0);
    const file = join(inbox, 'stories', `reader-story-${id}.mdx`);
    const source = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(source).toContain('author: "A. B."');
    expect(source).toContain('contentWarning: "Mentions grooming."');
    expect(source).not.toMatch(/^hero:/m);
    expect(source).toContain('draft: true');
    expect(source).toContain('<p>{"Line one \\u007bx\\u007d"}</p>\n\n<p>{"import nothing"}</p>\n\n<p>{"![x](../../.dev.vars?raw)"}</p>');
    expect(existsSync(join(content, 'stories'))).toBe(false);
    expect(await status(id)).toBe('drafted');

    writeFileSync(file, 'the editor has started');
    const again = await submissions(['draft', String(id)], env);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already exists, and nothing was changed');
    expect(readFileSync(file, 'utf8')).toBe('the editor has started');

    writeFileSync(file, 'title: "Ana\'s Story: Leaving"\nthe editor has redacted it');
    const moved = await submissions(['move', String(id)], env);
    expect(moved.code, moved.output).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(join(content, 'stories', 'anas-story-leaving.mdx'), 'utf8')).toContain('the editor has redacted it');
    const twice = await submissions(['move', String(id)], env);
    expect([twice.code, twice.output]).toEqual([1, expect.stringContaining(`there is no draft reader-story-${id}.mdx`)]);
  });

  it('leaves the submission as it was when the draft cannot be written', async () => {
    const id = await send();
    const { content, inbox } = folders();
    mkdirSync(join(inbox), { recursive: true });
    writeFileSync(join(inbox, 'stories'), 'a file where the folder should be');
    const { code } = await submissions(['draft', String(id)], { WALKAWAY_CONTENT_DIR: content, WALKAWAY_INBOX_DIR: inbox });
    expect(code).toBe(1);
    expect(await status(id)).toBe('new');
  });

  it('drafts a story sent in Spanish among the Spanish stories, credited in Spanish when anonymous, and moves it there', async () => {
    const id = await send({ credit: 'anonymous', locale: 'es' });
    const { content, inbox } = folders();
    const env = { WALKAWAY_CONTENT_DIR: content, WALKAWAY_INBOX_DIR: inbox };
    expect((await submissions(['draft', String(id)], env)).code).toBe(0);
    const source = readFileSync(join(inbox, 'stories', 'es', `reader-story-${id}.mdx`), 'utf8');
    expect(source).toContain('author: "Anónimo"');
    const moved = await submissions(['move', String(id)], env);
    expect(moved.code, moved.output).toBe(0);
    // Still untitled: a name of its own, never the submission's number, which would tie the page to the row.
    const [name] = readdirSync(join(content, 'stories', 'es'));
    expect(name).toMatch(/^reader-story-[0-9a-f]{6}\.mdx$/);
    expect(name).not.toBe(`reader-story-${id}.mdx`);
  });

  it('declines, and deletes at once', async () => {
    const id = await send();
    expect((await submissions(['decline', String(id)])).code).toBe(0);
    expect(await status(id)).toBe('declined');
    const deleted = await submissions(['delete', String(id)]);
    expect(deleted.output).toContain(`Deleted submission ${id} for good.`);
    expect(await rows()).toBe(0);
  });

  it('reseals every story to the editors there are now, including rows SUBMISSION_KEY sealed, after which the old key is not needed', async () => {
    const current = await send();
    const legacyKeys = await sealingKeys(RETIRED_KEY);
    await local.sql.execute({
      sql: `INSERT INTO submissions (dedupe_key, story, credit, credit_name, relationship, email, consent_version, status, created_at)
            VALUES ('legacy', ?, 'first-name', ?, 'ally', ?, 'v/en', 'new', 0)`,
      args: [await legacySeal(legacyKeys, 'An old story.', 'story'), await legacySeal(legacyKeys, 'Old', 'creditName'), await legacySeal(legacyKeys, 'old@example.org', 'email')],
    });
    const withoutKey = await submissions(['show', String(current + 1)]);
    expect([withoutKey.code, withoutKey.output]).toEqual([1, expect.stringContaining('SUBMISSION_KEY')]);
    expect((await submissions(['list'])).output).toMatch(new RegExp(`^${current + 1}\\s+\\S+\\s+ally\\s+-\\s+sealed\\s+new$`, 'm'));

    const newcomer = await newEditorKey();
    const recipients = `${TEST_EDITOR.recipient} ${newcomer.recipient}`;
    const resealed = await submissions(['reseal'], { SUBMISSION_KEY: RETIRED_KEY, STORY_RECIPIENTS: recipients });
    expect(resealed.code, resealed.output).toBe(0);
    expect(resealed.output).toContain('Sealed 2 submissions again');
    expect(resealed.output).toContain('1 of them from SUBMISSION_KEY');

    const dump = (await local.sql.execute('SELECT * FROM submissions ORDER BY id')).rows;
    expect(dump.map((row) => [row.story, row.credit_name, row.email])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(await opened(dump[1]!, newcomer.identity)).toEqual({ story: 'An old story.', creditName: 'Old', contentWarning: null, email: 'old@example.org' });
    expect((await opened(dump[0]!, newcomer.identity)).story).toBe(STORY);
    const shown = await submissions(['show', String(current + 1)]);
    expect([shown.code, shown.output]).toEqual([0, expect.stringContaining('An old story.')]);
  });

  it.each([
    ['an unknown id', ['show', '999999'], {}, 'there is no submission 999999'],
    ['an id that is not a number', ['delete', 'x'], {}, 'give the number `submissions list` shows'],
    ["another editor's identity", ['show', 'ID'], { WALKAWAY_EDITOR_IDENTITY: 'OTHER' }, 'does not open with this identity'],
    ['an identity file that is not there', ['show', 'ID'], { WALKAWAY_EDITOR_IDENTITY: '', WALKAWAY_EDITOR_IDENTITY_FILE: '/nonexistent/identity.txt' }, 'which does not exist'],
    ['a retired key that is not base64', ['list'], { SUBMISSION_KEY: 'short!' }, 'SUBMISSION_KEY is not base64'],
    ['reseal without the recipients for a remote database', ['reseal'], { TURSO_DATABASE_URL: 'https://walkaway.example.turso.io' }, 'STORY_RECIPIENTS is not set'],
  ])('ends with one line and exit 1 for %s', async (_case, args, env: Record<string, string>, message) => {
    const id = await send();
    const other = (await newEditorKey()).identity;
    const resolved = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value === 'OTHER' ? other : value]));
    const { code, output } = await submissions(args.map((arg) => (arg === 'ID' ? String(id) : arg)), resolved);
    expect(code).toBe(1);
    expect(output).toContain(message);
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to guess an identity for a database that is not local', async () => {
    const { code, output } = await submissions(['list'], { TURSO_DATABASE_URL: 'https://walkaway.example.turso.io', WALKAWAY_EDITOR_IDENTITY: '' });
    expect(code).toBe(1);
    expect(output).toContain('no editor identity: set WALKAWAY_EDITOR_IDENTITY_FILE');
  });
});
