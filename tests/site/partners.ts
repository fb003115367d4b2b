// Partners over HTTP, against the built worker: who may frame the pledge form, what an unknown partner gets, where a
// pledge sent in the frame goes and whose it is, what /partners says, how small embed.js is, and paper pledges in the
// public tally. Browsers framing the form from another origin are in tests/e2e/embed.ts.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { FIXTURE_CONTENT, runNode } from '../support/astro-cli.ts';
import { LOCAL_PARTNER } from '../support/partner-site.ts';

const site = inject('previewUrl');
const partnerOrigin = inject('partnerSiteUrl');
const sql = createClient({ url: inject('databaseUrl') });
afterAll(() => sql.close());

const get = (path: string) => fetch(`${site}${path}`, { redirect: 'manual' });
const policy = (response: Response) => response.headers.get('content-security-policy') ?? '';
const frameAncestors = (response: Response) => [...policy(response).matchAll(/frame-ancestors ([^;]+)/g)].map((match) => match[1]);
let visitor = 0;

function post(path: string, fields: Record<string, string>, format: 'form' | 'json' = 'form', origin = site) {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      'cf-connecting-ip': `203.0.113.${(visitor++ % 250) + 1}`,
    },
    body: format === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
}

const sourceOf = async (firstName: string) =>
  (await sql.execute({ sql: 'SELECT source FROM pledges WHERE first_name = ?', args: [firstName] })).rows.map((row) => row[0]);
/** A first name no other test uses, to find this test's pledge among theirs (letters only, as the form wants). */
const uniqueName = () => `Frame${randomUUID().replace(/[^a-f]/g, '').slice(0, 8)}`;

describe('/embed/pledge', () => {
  it("may be framed by the partner's own origins and no other, without X-Frame-Options", async () => {
    const local = await get(`/embed/pledge?partner=${LOCAL_PARTNER}`);
    expect(local.status).toBe(200);
    expect(frameAncestors(local)).toEqual([partnerOrigin]);
    expect(local.headers.get('x-frame-options')).toBeNull();
    const listed = await get('/es/embed/pledge?partner=listed-partner');
    expect(frameAncestors(listed)).toEqual(['https://listed.example.org https://www.listed.example.org:8443']);
    expect(frameAncestors(await get('/embed/pledge?partner=quiet-group'))).toEqual(['https://quiet.example.net']);
  });

  it.each([
    ['an unknown partner', '/embed/pledge?partner=no-such-partner'],
    ['an inactive partner', '/embed/pledge?partner=inactive-partner'],
    ['no partner', '/embed/pledge'],
    ['an empty partner', '/embed/pledge?partner='],
    ['a code in capitals', '/embed/pledge?partner=QUIET-GROUP'],
    ['a path', '/embed/pledge?partner=../quiet-group'],
    ['a header injection', '/embed/pledge?partner=quiet-group%3B%20frame-ancestors%20*'],
    ['an unknown partner in Spanish', '/es/embed/pledge?partner=no-such-partner'],
  ])('answers %s with the not-found page, framed by nobody', async (_, path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(frameAncestors(response)).toEqual(["'none'"]);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('leaves every other page as it was: the counter framed by anyone, the rest by nobody', async () => {
    expect(frameAncestors(await get('/embed/counter'))).toEqual(['*']);
    for (const path of ['/pledge', '/partners', '/api/tally']) {
      const response = await get(path);
      expect(frameAncestors(response), path).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it("opens in the language the partner's page asked for, or in the partner's own language", async () => {
    const asked = await get(`/embed/pledge?partner=${LOCAL_PARTNER}&lang=es-ES`);
    expect([asked.status, asked.headers.get('location')]).toEqual([303, `/es/embed/pledge?partner=${LOCAL_PARTNER}`]);
    expect(frameAncestors(asked)).toEqual([partnerOrigin]);
    const spanishOnly = await get('/embed/pledge?partner=listed-partner');
    expect(spanishOnly.headers.get('location')).toBe('/es/embed/pledge?partner=listed-partner');
    const page = await (await get(`/es/embed/pledge?partner=${LOCAL_PARTNER}`)).text();
    expect(page).toContain('<html lang="es"');
  });

  it('uses no cookie and loads nothing from another origin', async () => {
    const response = await get(`/embed/pledge?partner=${LOCAL_PARTNER}`);
    expect(response.headers.get('set-cookie')).toBeNull();
    const html = await response.text();
    // Links may lead elsewhere (the quick exit does); nothing is loaded from elsewhere.
    expect(html).not.toMatch(/\ssrc="(?:https?:)?\/\//);
    expect(html).not.toMatch(/<link[^>]+href="(?:https?:)?\/\//);
    expect(policy(response)).toContain("default-src 'self'");
    expect(policy(response)).toContain("form-action 'self'");
  });

  it("stores a pledge sent in the frame as the partner's, whatever code the form carried, and thanks in the frame", async () => {
    const firstName = uniqueName();
    const sent = await post(`/embed/pledge?partner=${LOCAL_PARTNER}`, {
      email: `${firstName.toLowerCase()}@example.org`,
      firstName,
      idempotencyKey: randomUUID(),
      locale: 'en',
      ref: 'quiet-group',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/embed/pledge?partner=${LOCAL_PARTNER}&pledged=counted`);
    expect(frameAncestors(sent)).toEqual([partnerOrigin]);
    expect(await sourceOf(firstName)).toEqual([LOCAL_PARTNER]);
    const thanks = await get(sent.headers.get('location')!);
    expect(frameAncestors(thanks)).toEqual([partnerOrigin]);
    const html = await thanks.text();
    expect(html).toContain('id="pledge-success-title"');
    // No partner code in it: it would follow the reader around the site and into the browser's history.
    expect(html).toContain('href="/pledge/thanks" target="_blank"');
    expect(html).not.toContain(`ref=${LOCAL_PARTNER}`);
  });

  it('goes through confirmation by email where that is on: pending, the partner’s, and “check your inbox” in the frame', async () => {
    const firstName = uniqueName();
    const email = `${firstName.toLowerCase()}@example.org`;
    const sent = await post(`/embed/pledge?partner=${LOCAL_PARTNER}`, { email, firstName, idempotencyKey: randomUUID(), locale: 'en' }, 'form', inject('verifiedPreviewUrl'));
    expect(sent.headers.get('location')).toBe(`/embed/pledge?partner=${LOCAL_PARTNER}&pledged=check-email`);
    const rows = await sql.execute({ sql: 'SELECT status, source FROM pledges WHERE first_name = ?', args: [firstName] });
    expect(rows.rows.map((row) => [row[0], row[1]])).toEqual([['pending', LOCAL_PARTNER]]);
  });

  it('shows the form again in the frame, with what was typed and what to fix, storing nothing', async () => {
    const firstName = uniqueName();
    const refused = await post(`/es/embed/pledge?partner=${LOCAL_PARTNER}`, { email: 'no-es-un-correo', firstName, idempotencyKey: randomUUID(), locale: 'es' });
    expect(refused.status).toBe(400);
    expect(frameAncestors(refused)).toEqual([partnerOrigin]);
    const html = await refused.text();
    expect(html).toContain('value="no-es-un-correo"');
    expect(html).toContain('data-error-summary');
    expect(html).toContain('<html lang="es"');
    expect(await sourceOf(firstName)).toEqual([]);
  });

  it('answers the enhanced form with JSON, and refuses a post from another site', async () => {
    const firstName = uniqueName();
    const answer = await post(`/embed/pledge?partner=${LOCAL_PARTNER}`, { email: `${firstName}@example.org`, firstName, idempotencyKey: randomUUID() }, 'json');
    expect([answer.status, await answer.json()]).toEqual([200, { ok: true }]);
    expect(await sourceOf(firstName)).toEqual([LOCAL_PARTNER]);
    const crossSite = await fetch(`${site}/embed/pledge?partner=${LOCAL_PARTNER}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ email: 'forged@example.org', idempotencyKey: randomUUID() }).toString(),
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('/partners', () => {
  it('names the active partners who chose to be listed, and no other', async () => {
    const html = await (await get('/partners')).text();
    expect(html).toContain('A listed fixture partner');
    expect(html).toContain('A local fixture partner');
    expect(html).not.toContain('A quiet fixture group');
    expect(html).not.toContain('An inactive fixture partner');
  });

  it('gives the snippet that embeds the form, with a plain link for readers without JavaScript', async () => {
    const html = await (await get('/es/partners')).text();
    expect(html).toContain('&lt;div data-walkaway-pledge data-partner=&quot;your-code&quot; data-lang=&quot;es&quot;');
    expect(html).toMatch(/\/es\/pledge\?ref=your-code&quot;&gt;/);
    expect(html).toMatch(/&lt;script src=&quot;[^&]+\/embed\.js&quot; async&gt;&lt;\/script&gt;/);
    expect(html).toContain('data-copy="pledge-form-code"');
  });
});

describe('/embed.js', () => {
  it('is served as JavaScript, within its budget of 2 KB compressed', async () => {
    const response = await get('/embed.js');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length).toBeLessThanOrEqual(2_048);
  });
});

describe('paper pledges in the public tally', () => {
  const walkaway = (args: string[]) =>
    runNode(['scripts/walkaway.ts', ...args], { env: { TURSO_DATABASE_URL: inject('databaseUrl'), WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT } });
  const tally = async () => (await (await fetch(`${site}/api/tally`)).json()) as { total: number; online: number; offline: number };

  it('are added to the total apart from the online pledges, and leave it when removed', async () => {
    const added = await walkaway(['offline', 'add', '--partner', 'quiet-group', '--count', '120', '--date', '2026-12-01', '--by', 'Ana']);
    expect(added.code, added.output).toBe(0);
    const id = /^Added batch (\d+)/m.exec(added.output)![1]!;
    try {
      // The count is cached for a few seconds: the new figures arrive with the next read of the database.
      await vi.waitFor(async () => expect((await tally()).offline).toBe(120), { timeout: 30_000, interval: 500 });
      const withPaper = await tally();
      expect(withPaper.total).toBe(withPaper.online + 120);
      const html = await (await get('/pledge')).text();
      expect(html).toContain('including 120 on paper');
    } finally {
      expect((await walkaway(['offline', 'remove', id, '--by', 'Ana'])).code).toBe(0);
      await vi.waitFor(async () => expect((await tally()).offline).toBe(0), { timeout: 30_000, interval: 500 });
    }
  });
});
