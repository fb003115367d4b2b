// `npm run walkaway -- …` against the local libSQL server: the organisers' command line, run as they run it.
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '../../src/config.ts';
import { openDatabase } from '../../src/lib/db/client.ts';
import { pledgeService } from '../../src/lib/pledge/pledge-service.ts';
import { tallyService } from '../../src/lib/tally/tally-service.ts';
import { checkPledgeToken } from '../../src/lib/pledge/pledge-token.ts';
import { verifyUnsubscribeToken } from '../../src/lib/updates/unsubscribe-token.ts';
import { withdrawConsent } from '../../src/lib/updates/withdraw-consent.ts';
import { FIXTURE_CONTENT, projectRoot, runNode, withoutVitestVariables } from '../support/astro-cli.ts';
import { formPost } from '../support/form-post.ts';
import { useLocalDatabase } from '../support/local-database.ts';

const SECRET = 'organisers-secret';
const SITE = 'https://walkaway.example';
const local = useLocalDatabase();
let workdir: string;

beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), 'walkaway-organisers-'));
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

function walkaway(args: string[], { env = {}, preload = [] as string[] } = {}) {
  // The fixture content's partners, never the editors' own: a partner added to content/ must not change these tests.
  return runNode([...preload.flatMap((file) => ['--import', file]), 'scripts/walkaway.ts', ...args], {
    env: { TURSO_DATABASE_URL: local.url, TURSO_AUTH_TOKEN: 'local', PLEDGE_HMAC_SECRET: SECRET, SITE_URL: SITE, WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT, ...env },
  });
}

/** A pledge as the site takes it, keyed with the secret the command line is given. */
const pledge = async (email: string, fields: Record<string, unknown> = {}) =>
  pledgeService(await local.platform({ secrets: { hmacSecret: SECRET } })).take(formPost('/api/pledge', { email, ...fields }), new URL(SITE));
const one = local.count;
const out = (name: string) => join(workdir, `${name}-${randomUUID()}.csv`);

/** Splits RFC 4180 CSV into records and cells, quotes undone. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let cell = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const character = text[i]!;
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') [cell, i] = [`${cell}"`, i + 1];
      else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') [row, cell] = [[...row, cell], ''];
    else if (character === '\r' && text[i + 1] === '\n') {
      records.push([...row, cell]);
      [row, cell, i] = [[], '', i + 1];
    } else cell += character;
  }
  return records;
}

describe('export-subscribers', () => {
  it('writes everyone who consented from a confirmed pledge and has not withdrawn, with signed unsubscribe and withdraw links', async () => {
    await pledge('Jane.Doe@Gmail.com', { updates: true, firstName: 'Jane', country: 'GB' });
    await pledge('no-updates@example.org');
    await pledge('unconfirmed@example.org', { updates: true });
    // A consent whose pledge was never confirmed (a row as an older release might have left it) is not exported.
    await local.sql.execute("UPDATE pledges SET status = 'pending' WHERE id = (SELECT pledge_id FROM subscribers WHERE email = 'unconfirmed@example.org')");
    await pledge('left@example.org', { updates: true });
    const left = await one("SELECT s.pledge_id FROM subscribers s JOIN pledges p ON p.id = s.pledge_id WHERE s.email = 'left@example.org'");
    await withdrawConsent(openDatabase({ url: local.url }), left, new Date());

    const file = out('export');
    const { code, output } = await walkaway(['export-subscribers', '--out', file]);
    expect(code, output).toBe(0);
    expect(output).toContain('Wrote 1 subscriber to');
    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
    expect(header).toEqual(['email', 'first_name', 'country', 'consented_at', 'consent_version', 'unsubscribe_url', 'language', 'withdraw_url']);
    expect(rows).toHaveLength(1);
    const [email, firstName, country, consentedAt, version, link, language, withdraw] = rows[0]!;
    const withdrawUrl = new URL(withdraw!);
    expect(withdrawUrl.origin + withdrawUrl.pathname).toBe(`${SITE}/pledge/withdraw`);
    expect(await checkPledgeToken(SECRET, 'withdraw', withdrawUrl.searchParams.get('token')!, new Date())).toMatchObject({ kind: 'valid' });
    expect([email, firstName, country, version, language]).toEqual(['jane.doe@gmail.com', 'Jane', 'GB', `${CONSENT_VERSION}/en`, 'en']);
    expect(consentedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const url = new URL(link!);
    expect(url.origin + url.pathname).toBe(`${SITE}/updates/unsubscribe`);
    expect(url.searchParams.get('token')).toMatch(/^v2\.\d+\.[0-9a-f]{64}$/);
    expect(await verifyUnsubscribeToken(url.searchParams.get('token')!, SECRET)).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).not.toContain('left@example.org');
    expect(readFileSync(file, 'utf8')).not.toContain('unconfirmed@example.org');
  });

  it('gives someone who pledged in Spanish their language and the Spanish unsubscribe page', async () => {
    await pledge('ana@example.org', { updates: true, locale: 'es' });
    const file = out('export-es');
    expect((await walkaway(['export-subscribers', '--out', file])).code).toBe(0);
    const [, row] = parseCsv(readFileSync(file, 'utf8'));
    expect(row![4]).toMatch(/\/es$/);
    expect(row![6]).toBe('es');
    const url = new URL(row![5]!);
    expect(url.pathname).toBe('/es/updates/unsubscribe');
    expect(await verifyUnsubscribeToken(url.searchParams.get('token')!, SECRET)).toBeGreaterThan(0);
  });

  it('quotes what needs quoting and neutralises cells a spreadsheet would run', async () => {
    const names = ['=HYPERLINK("http://evil.test")', '+1+1', '-2', '@SUM(A1)', '\tTab', '\rReturn', 'Quote "me", please', 'Line\nbreak'];
    for (const [i, name] of names.entries()) {
      await pledge(`cell${i}@example.org`, { updates: true });
      await local.sql.execute({ sql: 'UPDATE pledges SET first_name = ? WHERE id = (SELECT max(id) FROM pledges)', args: [name] });
    }
    const file = out('cells');
    expect((await walkaway(['export-subscribers', '--out', file])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const firstNames = parseCsv(text).slice(1).map((row) => row[1]);
    expect(firstNames).toEqual([
      `'=HYPERLINK("http://evil.test")`,
      "'+1+1",
      "'-2",
      "'@SUM(A1)",
      "'\tTab",
      "'\rReturn",
      'Quote "me", please',
      'Line\nbreak',
    ]);
    expect(text).toContain('"\'=HYPERLINK(""http://evil.test"")"');
  });

  it('writes the list readable by its owner alone, even over a leftover partial file that others could read', async () => {
    await pledge('someone@example.org', { updates: true });
    const file = out('private');
    writeFileSync(`${file}.partial`, 'left over', { mode: 0o644 });
    expect((await walkaway(['export-subscribers', '--out', file])).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('removes its partial file when interrupted with %s, and writes no list', async (signal) => {
    await pledge('someone@example.org', { updates: true });
    const file = out('interrupted');
    // The database holds every query, so the export is certain to be under way when the signal comes.
    local.database.server.stall(120_000);
    try {
      const child = spawn(process.execPath, ['scripts/walkaway.ts', 'export-subscribers', '--out', file], {
        cwd: projectRoot,
        env: { ...withoutVitestVariables(process.env), TURSO_DATABASE_URL: local.url, TURSO_AUTH_TOKEN: 'local', PLEDGE_HMAC_SECRET: SECRET, SITE_URL: SITE },
      });
      let output = '';
      child.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      while (!existsSync(`${file}.partial`)) await new Promise((resolve) => setImmediate(resolve));
      expect(statSync(`${file}.partial`).mode & 0o777).toBe(0o600);
      child.kill(signal);
      expect(await exited).toBe(130);
      expect(output).toContain('interrupted');
    } finally {
      local.database.server.stall(0);
    }
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to overwrite a file without --force, and replaces it with', async () => {
    await pledge('someone@example.org', { updates: true });
    const file = out('existing');
    writeFileSync(file, 'keep me');
    const refused = await walkaway(['export-subscribers', '--out', file]);
    expect(refused.code).toBe(1);
    expect(refused.output.trim()).toMatch(/^walkaway: .*exists: choose another file, or add --force to replace it$/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect((await walkaway(['export-subscribers', '--out', file, '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('someone@example.org');
  });

  it('exports 100,000 subscribers page by page, its memory barely growing with them', async () => {
    await local.sql.executeMultiple(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
      INSERT INTO pledges (email_hmac, idempotency_key, first_name, country, created_at)
      SELECT printf('%064x', i), 'key-' || i, 'Name' || i, 'FR', 1790000000000 + i FROM n;
      INSERT INTO subscribers (pledge_id, email, consented_at, consent_version)
      SELECT id, 'person' || id || '@example.org', created_at, 'v1' FROM pledges;
    `);
    const peak = (output: string) => Number(output.match(/peak-rss-kb: (\d+)/)?.[1]) / 1024;
    const started = Date.now();
    const large = await walkaway(['export-subscribers', '--out', out('large')], { preload: ['./tests/support/report-peak-memory.ts'] });
    const seconds = (Date.now() - started) / 1000;
    expect(large.code, large.output).toBe(0);
    expect(large.output).toContain('Wrote 100,000 subscribers');
    await local.sql.execute('DELETE FROM subscribers WHERE pledge_id > 1000');
    const small = await walkaway(['export-subscribers', '--out', out('small')], { preload: ['./tests/support/report-peak-memory.ts'] });
    console.info(`100,000 subscribers exported in ${seconds.toFixed(1)} s, peak memory ${peak(large.output).toFixed(0)} MB (1,000: ${peak(small.output).toFixed(0)} MB)`);
    // Holding 100,000 rows at once would take well over 64 MB more than 1,000 do.
    expect(peak(large.output) - peak(small.output)).toBeLessThan(64);
  }, 120_000);
});

describe('forget', () => {
  it('finds a pledge by any spelling of the email, says what it would delete with --dry-run, then deletes it', async () => {
    await pledge('janedoe@gmail.com', { updates: true, country: 'IE' });
    await pledge('other@example.org');
    const dry = await walkaway(['forget', 'Jane.Doe+walkaway@GoogleMail.com', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.output).toMatch(/Would delete the pledge of \d{4}-\d{2}-\d{2} \(IE\) and the email address kept for campaign updates\. Nothing was changed/);
    expect(await one('SELECT count(*) FROM pledges')).toBe(2);

    const done = await walkaway(['forget', 'Jane.Doe+walkaway@GoogleMail.com']);
    expect(done.output).toMatch(/Deleted the pledge of .* The tally went down by one\./);
    expect(await one('SELECT count(*) FROM pledges')).toBe(1);
    expect(await one('SELECT count(*) FROM subscribers')).toBe(0);
    expect(await one('SELECT total FROM tally')).toBe(1);
    expect(await one("SELECT coalesce(sum(total), 0) FROM tally_by_country WHERE country = 'IE'")).toBe(0);

    expect((await walkaway(['forget', 'janedoe@gmail.com'])).output).toContain('Nothing matched janedoe@gmail.com');
  });
});

describe('stats', () => {
  it('prints the total, pledges per day, countries, sources and the share who asked for updates', async () => {
    await pledge('a@example.org', { country: 'FR', ref: 'partner-one', updates: true });
    await pledge('b@example.org', { country: 'FR', ref: 'share-whatsapp' });
    await pledge('c@example.org', { country: 'DE' });
    await pledge('d@example.org');
    const json = await walkaway(['stats', '--days', '3', '--json']);
    expect(json.code, json.output).toBe(0);
    const stats = JSON.parse(json.output);
    expect(stats).toMatchObject({
      total: 4,
      byCountry: { FR: 2, DE: 1 },
      bySource: { '(none)': 2, 'partner-one': 1, 'share-whatsapp': 1 },
      updates: { subscribers: 1, share: 0.25 },
    });
    expect(stats.perDay).toHaveLength(3);
    expect(stats.perDay.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), pledges: 4 });
    expect(stats.verification).toEqual({ pending: 0, confirmed: 4, withdrawn: 0, confirmationRate: 0 });
    expect(stats.mail).toEqual({ backlog: 0, deadLetters: {} });
    const text = (await walkaway(['stats'])).output;
    expect(text).toMatch(/^Walkaways: 4 \(4 online, 0 on paper\)$/m);
    expect(text).toMatch(/^Pledges: 4 confirmed, 0 pending, 0 withdrawn$/m);
    expect(text).toMatch(/^Dead letters: none$/m);
    expect(text).toMatch(/^Asked for updates: 1 \(25\.0%\)$/m);
    expect(text).toMatch(/^ {2}partner-one +1$/m);
  });
});

describe('partners and paper pledges', () => {
  const PARTNER = 'quiet-group';
  const offlineRows = () => local.count('SELECT count(*) FROM offline_pledges');
  const tallyNow = async () => tallyService(await local.platform()).current(new URL(SITE));

  it('adds a batch to the tally apart from online pledges, lists it with who added it, and removes it keeping the record', async () => {
    await pledge('online@example.org');
    const added = await walkaway(['offline', 'add', '--partner', PARTNER, '--count', '120', '--date', '2026-11-30', '--note', 'Stall at the market', '--by', 'Ana']);
    expect(added.code, added.output).toBe(0);
    const id = Number(/^Added batch (\d+): 120 paper pledges for quiet-group, collected 2026-11-30\.$/m.exec(added.output)?.[1]);
    expect(await tallyNow()).toMatchObject({ total: 121, online: 1, offline: 120, byCountry: {} });

    const byDefault = await walkaway(['offline', 'add', '--partner', PARTNER, '--count', '3', '--date', '2026-12-01']);
    expect(byDefault.code, byDefault.output).toBe(0);
    const listed = JSON.parse((await walkaway(['offline', 'list', '--json'])).output);
    expect(listed.map((batch: { count: number; addedBy: string }) => [batch.count, batch.addedBy])).toEqual([
      [3, userInfo().username],
      [120, 'Ana'],
    ]);

    const removed = await walkaway(['offline', 'remove', String(id), '--by', 'Ben']);
    expect(removed.output).toContain(`Removed batch ${id}: 120 paper pledges for quiet-group no longer count.`);
    expect(await tallyNow()).toMatchObject({ total: 4, online: 1, offline: 3 });
    const again = await walkaway(['offline', 'remove', String(id)]);
    expect([again.code, again.output]).toEqual([0, expect.stringMatching(/^Batch \d+ was already removed \(.+ by Ben\): nothing changed\.$/m)]);
    expect(await tallyNow()).toMatchObject({ offline: 3 });
    const table = (await walkaway(['offline', 'list'])).output;
    expect(table).toMatch(new RegExp(`^ +${id} +2026-11-30 +quiet-group +120 +added .+ by Ana +"Stall at the market" +REMOVED .+ by Ben$`, 'm'));
    expect(table).toMatch(/^3 paper pledges counted\.$/m);
    expect(await offlineRows()).toBe(2);
  });

  it('refuses a batch it cannot take, saying every reason, and adds nothing', async () => {
    const refused = await walkaway(['offline', 'add', '--partner', 'made-up', '--count', '1e3', '--date', '2026-02-30', '--note', 'x\u001b[2J']);
    expect(refused.code).toBe(1);
    expect(refused.output.trim().split('\n')).toHaveLength(1);
    for (const option of ['--partner', '--count', '--date']) expect(refused.output).toContain(`${option}: `);
    expect(await offlineRows()).toBe(0);
    expect(await local.count('SELECT offline FROM tally')).toBe(0);
    const missing = await walkaway(['offline', 'remove', '999']);
    expect([missing.code, missing.output.trim()]).toEqual([1, 'walkaway: there is no batch 999: see `offline list`']);
  });

  it('shows codes that name a partner as that partner, other codes as free codes, and gives a partner its own numbers', async () => {
    for (const n of [1, 2, 3, 4, 5]) await pledge(`gb-${n}@example.org`, { country: 'GB', ref: PARTNER });
    await pledge('fr@example.org', { country: 'FR', ref: PARTNER });
    await pledge('elsewhere@example.org', { country: 'FR', ref: 'made-up-code' });
    await pledge('pending@example.org', { country: 'GB', ref: PARTNER });
    await local.sql.execute("UPDATE pledges SET status = 'pending' WHERE id = (SELECT max(id) FROM pledges)");
    await walkaway(['offline', 'add', '--partner', PARTNER, '--count', '40', '--date', new Date().toISOString().slice(0, 10), '--by', 'Ana']);

    const stats = JSON.parse((await walkaway(['stats', '--json'])).output);
    expect(stats).toMatchObject({ total: 47, online: 7, offline: 40, freeCodes: { 'made-up-code': 1 } });
    expect(stats.partners[PARTNER]).toEqual({ name: 'A quiet fixture group', online: 6, offline: 40, total: 46 });
    expect(stats.freeCodes).not.toHaveProperty(PARTNER);
    expect((await walkaway(['stats'])).output).toMatch(/^ {2}A quiet fixture group \(quiet-group\) +46$/m);

    const own = await walkaway(['stats', '--partner', PARTNER, '--days', '2', '--json']);
    expect(own.code, own.output).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(JSON.parse(own.output)).toEqual({
      partner: { code: PARTNER, name: 'A quiet fixture group' },
      total: 46,
      online: 6,
      offline: 40,
      perDay: [
        { day: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), online: 0, offline: 0 },
        { day: today, online: 6, offline: 40 },
      ],
      // France has one pledge from this partner: under the threshold, it is left out.
      byCountry: { GB: 5 },
    });
    const text = (await walkaway(['stats', '--partner', PARTNER])).output;
    expect(text).toMatch(/^Walkaways: 46 \(6 online, 40 on paper\)$/m);
    expect(text).not.toMatch(/FR/);
    const unknown = await walkaway(['stats', '--partner', 'made-up-code']);
    expect([unknown.code, unknown.output.trim()]).toEqual([1, 'walkaway: "made-up-code" is not a partner: give the name of a file in content/partners']);
  });

  it.each([
    // Retitles the window and clears the screen.
    ['origin', 'group.yaml', 'name: A group\nwebsite: https://group.example.org\norigins: ["\\e]0;pwned\\a\\e[2Jhttps://group.example.org"]\n', '"\\u001b]0;pwned\\u0007\\u001b[2Jhttps://group.example.org" is not an origin'],
    ['file name', '\u001b[2J.yaml', 'name: A group\n', 'partners/⟨U+001B⟩[2J.yaml: the file name'],
  ])('names a partner file whose %s would move the terminal’s cursor, showing the characters, not obeying them', async (_, file, yaml, shown) => {
    const content = join(workdir, `content-${randomUUID()}`);
    mkdirSync(join(content, 'partners'), { recursive: true });
    writeFileSync(join(content, 'partners', file), yaml);
    const { code, output } = await walkaway(['stats'], { env: { WALKAWAY_CONTENT_DIR: content } });
    expect(code).toBe(1);
    expect(output).toContain(shown);
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('are added once when the milestone cannot be recorded: the batch is reported added, with what is left for the recount', async () => {
    // A database that has not had the milestones' migration yet.
    await local.sql.execute('ALTER TABLE tally DROP COLUMN milestones');
    try {
      const added = await walkaway(['offline', 'add', '--partner', PARTNER, '--count', '1000', '--date', '2026-12-01', '--by', 'Ana']);
      expect(added.code, added.output).toBe(0);
      expect(added.output).toMatch(/^Added batch \d+: 1,000 paper pledges/m);
      expect(added.output).toMatch(/^walkaway: the batch is added, but a milestone it may have passed is not recorded yet \(.*\): `recount` records it\.$/m);
      expect(Number((await local.sql.execute('SELECT offline FROM tally')).rows[0]![0])).toBe(1_000);
    } finally {
      await local.sql.execute("ALTER TABLE tally ADD milestones text DEFAULT '{}' NOT NULL");
    }
  });

  it('record the milestone they pass, once: a recount and their removal leave its time as it was', async () => {
    const milestones = async () => JSON.parse(String((await local.sql.execute('SELECT milestones FROM tally')).rows[0]![0])) as Record<string, number>;
    await walkaway(['offline', 'add', '--partner', PARTNER, '--count', '999', '--date', '2026-12-01', '--by', 'Ana']);
    expect(await milestones()).toEqual({});
    await pledge('the-thousandth@example.org');
    const added = await walkaway(['offline', 'add', '--partner', PARTNER, '--count', '1', '--date', '2026-12-01', '--by', 'Ana']);
    expect(added.code, added.output).toBe(0);
    const reached = await milestones();
    expect(Object.keys(reached)).toEqual(['1000']);
    expect((await walkaway(['recount'])).code).toBe(0);
    expect(await walkaway(['offline', 'remove', /^Added batch (\d+)/m.exec(added.output)![1]!, '--by', 'Ana'])).toMatchObject({ code: 0 });
    expect(await milestones()).toEqual(reached);
    expect((await tallyService(await local.platform()).current(new URL(SITE)))?.milestones[0]).toEqual({
      value: 1_000,
      reachedAt: new Date(reached['1000']!).toISOString().slice(0, 10),
    });
  });

  it('are counted again by the recount, which repairs a drifted paper total', async () => {
    await walkaway(['offline', 'add', '--partner', PARTNER, '--count', '12', '--date', '2026-12-01', '--by', 'Ana']);
    await local.sql.execute('UPDATE tally SET offline = 7');
    expect((await walkaway(['recount'])).output).toContain('Corrected offline 7 → 12.');
    expect(await local.count('SELECT offline FROM tally')).toBe(12);
  });
});

describe('recount', () => {
  it('repairs a drifted tally on demand and says what it changed', async () => {
    await pledge('a@example.org', { country: 'FR' });
    await local.sql.execute('UPDATE tally SET total = 40');
    expect((await walkaway(['recount'])).output).toContain('Corrected total 40 → 1.');
    expect((await walkaway(['recount'])).output).toContain('The tally matches the pledges: nothing to correct.');
  });
});

describe('mistakes', () => {
  // Each is its own process and touches no data: they run side by side.
  it.concurrent.for([
    [['frobnicate'], /^walkaway: unknown command 'frobnicate'/],
    [['stats', '--days', '0'], /^walkaway: option '--days <n>' argument '0' is invalid/],
    [['export-subscribers'], /^walkaway: required option '--out <file\.csv>' not specified/],
    [['forget'], /^walkaway: missing required argument 'email'/],
    [['forget', 'not-an-email'], /^walkaway: "not-an-email" is not an email address$/],
  ] as const)('%j exits non-zero with a one-line reason', async ([args, reason], { expect }) => {
    const { code, output } = await walkaway([...args]);
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output.trim()).toMatch(reason);
  });

  it('says in one line when the database cannot be reached', async () => {
    await local.database.stop();
    try {
      const { code, output } = await walkaway(['stats']);
      expect(code).toBe(1);
      expect(output.trim().split('\n')).toHaveLength(1);
      expect(output).toContain(`walkaway: cannot complete the command against ${local.url}`);
    } finally {
      await local.database.restart();
    }
  });

  it('will not guess the email key of a real database', async () => {
    const { code, output } = await walkaway(['forget', 'a@example.org'], {
      env: { TURSO_DATABASE_URL: 'https://walkaway.example.turso.io', PLEDGE_HMAC_SECRET: '' },
    });
    expect(code).toBe(1);
    expect(output).toContain('PLEDGE_HMAC_SECRET is not set');
  });
});
