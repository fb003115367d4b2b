// /speak-out against the built worker in workerd (`astro preview`), and the round trip an editor makes: a story sent
// through the form, turned into an MDX draft by the organisers' command line, published in a copy of the site.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { openStoryContent } from '../../src/lib/story/seal-story.ts';
import { FIXTURE_CONTENT, runAstro, runNode } from '../support/astro-cli.ts';
import { copySite } from '../support/site-copy.ts';

const site = inject('previewUrl');
const databaseUrl = inject('databaseUrl');
const editorIdentity = inject('previewEditorIdentity');
const sql = createClient({ url: databaseUrl });
afterAll(() => sql.close());

let visitor = 0;
const visitorAddress = () => `203.0.113.${(visitor++ % 250) + 1}`;
const latestId = async () => Number((await sql.execute('SELECT max(id) FROM submissions')).rows[0]?.[0]);
const story = () => `A story sent at ${randomUUID()}.`;

function postForm(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${site}/api/speak-out`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'cf-connecting-ip': visitorAddress(), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

function postJson(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${site}/api/speak-out`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': visitorAddress(), ...headers },
    body: JSON.stringify(body),
  });
}

const valid = (overrides: Record<string, string> = {}) => ({
  story: story(),
  credit: 'anonymous',
  relationship: 'friend-or-family',
  consent: 'on',
  idempotencyKey: randomUUID(),
  ...overrides,
});

describe('GET /speak-out', () => {
  it('is a form that keeps nothing: posted, not autocompleted, not cached, with a fresh key each time', async () => {
    const [first, second] = await Promise.all([fetch(`${site}/speak-out`), fetch(`${site}/speak-out`)]);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const html = await first.text();
    expect(html).toMatch(/<form method="post" action="\/api\/speak-out" novalidate autocomplete="off"/);
    expect(html).toMatch(/<textarea id="story" name="story"[^>]*autocomplete="off"/);
    expect(html).toContain('href="/get-help"');
    const key = (page: string) => page.match(/name="idempotencyKey" value="([^"]+)"/)?.[1];
    expect(key(html)).toMatch(/^[0-9a-f-]{36}$/);
    expect(key(await second.text())).not.toBe(key(html));
  });
});

describe('POST /api/speak-out', () => {
  it('stores the story sealed and lands the plain form on the thanks page, which repeats none of it', async () => {
    const text = story();
    const response = await postForm(valid({ story: text, email: 'reader@example.org' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/speak-out\/thanks$/);
    const row = (await sql.execute({ sql: 'SELECT * FROM submissions WHERE id = ?', args: [await latestId()] })).rows[0]!;
    expect(JSON.stringify(row)).not.toMatch(new RegExp(`${text}|reader@example`));
    expect(await openStoryContent(String(row.sealed), { identities: [editorIdentity], row: String(row.seal_id) })).toMatchObject({
      story: text,
      email: 'reader@example.org',
    });

    const thanks = await fetch(`${site}/speak-out/thanks`);
    expect(thanks.status).toBe(200);
    const html = await thanks.text();
    expect(html).toContain(dictionary('en').speakOutThanks.heading);
    expect(html).not.toContain(text);
  });

  it('answers JSON with {"ok":true} and nothing else', async () => {
    const response = await postJson(valid());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"ok":true}');
  });

  it('shows the plain form again with the errors and everything typed, story included', async () => {
    const text = 'Half a story, and no consent yet.';
    const response = await postForm(valid({ story: text, consent: '', credit: 'first-name', creditName: 'Ana', relationship: 'advocate', email: 'ana@' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    const en = dictionary('en');
    expect(html).toContain(`<title>${en.speakOut.errorTitle} | Walkaway</title>`);
    expect(html).toContain(en.speakOut.errors.consentMissing);
    expect(html).toContain(en.speakOut.errors.emailFormat);
    expect(html).toContain(`>${text}</textarea>`);
    expect(html).toMatch(/<input id="credit-first-name"[^>]*checked/);
    expect(html).toMatch(/<input id="relationship-advocate"[^>]*checked/);
    expect(html).toMatch(/<input id="creditName"[^>]*value="Ana"/);
    expect(html).toMatch(/<input id="email"[^>]*value="ana@"/);
  });

  it('answers in Spanish for the Spanish form: errors, JSON and the thanks page', async () => {
    const es = dictionary('es').speakOut;
    const page = await (await postForm(valid({ story: '', locale: 'es' }))).text();
    expect(page).toContain('<html lang="es"');
    expect(page).toContain(es.errors.storyMissing);
    expect(await (await postJson({ ...valid({ locale: 'es' }), consent: false })).json()).toEqual({ errors: { consent: es.errors.consentMissing } });
    const sent = await postForm(valid({ locale: 'es' }));
    expect(sent.headers.get('location')).toMatch(/\/es\/speak-out\/thanks$/);
    expect(await (await fetch(`${site}/es/speak-out/thanks`)).text()).toContain(dictionary('es').speakOutThanks.heading);
  });

  it('refuses what the pledge refuses: another site (403), another method (405), another type (415), too large (413)', async () => {
    expect((await postForm(valid(), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await fetch(`${site}/api/speak-out`)).status).toBe(405);
    const xml = await fetch(`${site}/api/speak-out`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'story' });
    expect(xml.status).toBe(415);
    expect((await postForm(valid({ story: '%'.repeat(50_000) }))).status).toBe(413);
  });

  it('answers 429 with Retry-After past 3 stories a minute from one address, and not to others', async () => {
    const now = Date.now();
    const address = `2001:db8:5:${(now & 0xffff).toString(16)}::1`;
    // Fixed 60-second windows: 3 pass and the next is refused, unless a window ends in between.
    const statuses: number[] = [];
    for (let i = 0; i < 7 && !statuses.includes(429); i += 1) {
      const response = await postJson(valid(), { 'cf-connecting-ip': address });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('60');
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    expect((await postJson(valid())).status).toBe(200);
  });
});

/** Every file under a folder, with its text. */
const filesUnder = (dir: string): Array<[string, string]> =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => join(dir, file))
    .filter((file) => statSync(file).isFile())
    .map((file) => [file, readFileSync(file, 'latin1')]);

describe('from the form to a published story', () => {
  it("is drafted into the inbox as inert text, moved by an editor, and published with the reader's words as words: nothing imported, fetched or linked", async () => {
    const hostile = [
      'My cousin met him on Facebook {first}.',
      'He wrote <b>sweet</b> things & promised a job.',
      'import the truth: it was a trap.',
      'import secrets from "../../scripts/walkaway.ts"',
      'export const leaked = 1',
      '![x](../../scripts/walkaway.ts)',
      '![x](../../.dev.vars?raw)',
      '![tracker](https://evil.example/p.png)',
      '[Helpline](https://evil.example/help)',
      'see www.evil.example and <https://evil.example/auto>',
      '[x]: javascript:alert(1)',
      '[click here][x]',
      '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">y</a> <script>alert(3)</script>',
      '{fetch("https://evil.example/expr")} {/* hidden */}',
      '```js\nalert(4)\n```',
      '<!-- hidden comment -->',
      '---',
      '`code` ｛fullwidth｝ zero\u200Bwidth\u2028separated',
    ];
    const response = await postForm(valid({ story: hostile.join('\r\n'), credit: 'initials', creditName: 'M. R.', contentWarning: 'Mentions grooming.' }));
    expect(response.status).toBe(303);
    const id = await latestId();

    const copy = copySite();
    try {
      const env = { TURSO_DATABASE_URL: databaseUrl, WALKAWAY_EDITOR_IDENTITY: editorIdentity, WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT };
      const drafted = await runNode(['scripts/walkaway.ts', 'submissions', 'draft', String(id)], { cwd: copy.dir, env });
      expect(drafted.code, drafted.output).toBe(0);
      const inboxed = copy.path('inbox', 'stories', `reader-story-${id}.mdx`);
      expect(readFileSync(inboxed, 'utf8')).toContain('draft: true');
      expect(existsSync(copy.path(FIXTURE_CONTENT, 'stories', `reader-story-${id}.mdx`))).toBe(false);

      // The editors' guide: redact in the inbox (a title and a summary here), move, publish.
      writeFileSync(
        inboxed,
        readFileSync(inboxed, 'utf8')
          .replace(/^title: .*$/m, 'title: A story a reader sent')
          .replace(/^summary: .*$/m, 'summary: Sent through the speak-out form.')
          .replace(/^draft: true\n/m, ''),
      );
      const moved = await runNode(['scripts/walkaway.ts', 'submissions', 'move', String(id)], { cwd: copy.dir, env });
      expect(moved.code, moved.output).toBe(0);

      const build = await runAstro(['build'], { cwd: copy.dir, env: { WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } });
      expect(build.code, build.output).toBe(0);
      expect(moved.output).toContain('stories/a-story-a-reader-sent.mdx');
      const page = readFileSync(copy.path('dist', 'client', 'stories', 'a-story-a-reader-sent.html'), 'utf8');
      const article = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
      const shown = article.replace(/<[^>]+>/g, '\n').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
      for (const line of hostile.flatMap((each) => each.split(/\n|\u2028/))) expect(shown).toContain(line);
      expect(page).not.toMatch(/<img/i);
      // Shown as words, `javascript:` is in no attribute: nothing can follow it.
      expect(page).not.toMatch(/\b(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:/i);
      expect(article).not.toMatch(/<a\b[^>]*href="(?!\/)/i);
      expect(article).not.toMatch(/<a [^>]*href="[^"]*evil\.example/i);
      expect(page).not.toMatch(/<script>alert/);
      expect(page).toContain('M. R.');
      expect(page).toContain('Mentions grooming.');
      // Nothing the reader named was imported into the build or fetched by it.
      for (const [file, text] of filesUnder(copy.path('dist'))) {
        expect(text, file).not.toContain('export-subscribers');
        expect(text, file).not.toContain('leaked = 1;');
      }
      expect(build.output).not.toContain('evil.example');
    } finally {
      copy.remove();
    }
    // It waits on a build, as long as the build takes: no clock decides.
  }, 0);
});

describe('the retention period for stories', () => {
  it('lets the scheduled job delete untaken stories older than STORY_RETENTION_DAYS, and keep the rest', async () => {
    const sent: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      expect((await postJson(valid())).status).toBe(200);
      sent.push(await latestId());
    }
    const [old, drafted, recent] = sent as [number, number, number];
    const longAgo = Date.now() - 91 * 86_400_000;
    await sql.execute({ sql: 'UPDATE submissions SET created_at = ? WHERE id IN (?, ?)', args: [longAgo, old, drafted] });
    await sql.execute({ sql: "UPDATE submissions SET status = 'drafted' WHERE id = ?", args: [drafted] });
    expect((await fetch(`${site}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`)).status).toBe(200);
    const left = async () => (await sql.execute({ sql: 'SELECT id FROM submissions WHERE id IN (?, ?, ?) ORDER BY id', args: sent })).rows.map((row) => Number(row.id));
    await vi.waitFor(async () => expect(await left()).toEqual([drafted, recent]), { timeout: 10_000, interval: 100 });
  });

  it('is the period /privacy and /speak-out state', async () => {
    const privacy = await (await fetch(`${site}/privacy`)).text();
    expect(privacy).toContain('A story no editor takes up is deleted after <strong>90 days</strong>.');
    expect(privacy).toContain('deleted from our database <strong>365 days</strong> after you sent it');
    expect(privacy).toContain('We have turned off the logs that would keep a record of each visit for us');
    expect(await (await fetch(`${site}/speak-out`)).text()).toContain('If no editor takes it up, it is deleted after 90 days.');
  });
});
