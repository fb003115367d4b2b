// HTTP against the built worker running in workerd (`astro preview`), started once by the global setup.
import { randomUUID } from 'node:crypto';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';

const site = inject('previewUrl');
const control = inject('databaseControlUrl');
const sql = createClient({ url: inject('databaseUrl') });
afterAll(() => sql.close());

const rowCount = async () => Number((await sql.execute("SELECT count(*) FROM pledges WHERE status = 'confirmed'")).rows[0]?.[0]);
/** Each request stands in for a different visitor, as the rate limit sees them (CF-Connecting-IP). */
let visitor = 0;
const visitorAddress = () => `198.51.100.${(visitor++ % 250) + 1}`;

function postJson(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${site}/api/pledge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': visitorAddress(), ...headers },
    body: JSON.stringify(body),
  });
}

function postForm(fields: Record<string, string>) {
  return fetch(`${site}/api/pledge`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'cf-connecting-ip': visitorAddress() },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('POST /api/pledge with JSON', () => {
  it('records a pledge, and answers a repeat in another case identically without counting it', async () => {
    const before = await rowCount();
    const first = await postJson({ email: 'Same.Person@Example.org', idempotencyKey: randomUUID() });
    const firstBody = await first.text();
    const again = await postJson({ email: 'SAME.PERSON@example.org ', idempotencyKey: randomUUID() });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstBody);
    expect(JSON.parse(firstBody)).toEqual({ ok: true });
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await rowCount()).toBe(before + 1);
  });

  it('answers an email sent twice among other pledges exactly as the others: whether an address pledged before cannot be learnt', async () => {
    const emails = ['one', 'probe', 'two', 'probe', 'three'].map((name) => `${name}-${randomUUID().slice(0, 8)}@example.org`);
    emails[3] = emails[1]!;
    const answers = [];
    for (const email of emails) {
      const response = await postJson({ email, idempotencyKey: randomUUID() });
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
      answers.push(JSON.stringify({ status: response.status, headers, body: await response.text() }));
    }
    expect(new Set(answers).size).toBe(1);
  });

  it('answers 400 with a message per field', async () => {
    const response = await postJson({ email: 'nope', country: 'XX', idempotencyKey: randomUUID() });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: {
        email: 'Enter an email address in the correct format, like name@example.com',
        country: 'Select your country from the list',
      },
    });
  });

  it.each([
    ['GET', 405],
    ['PUT', 405],
    ['DELETE', 405],
  ])('answers %s with %i', async (method, status) => {
    const response = await fetch(`${site}/api/pledge`, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 415 to other content types and 413 to bodies over 8 KB', async () => {
    const text = await fetch(`${site}/api/pledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', origin: site },
      body: '<pledge/>',
    });
    expect(text.status).toBe(415);
    const big = await postJson({ email: 'big@example.org', firstName: 'x'.repeat(9_000), idempotencyKey: randomUUID() });
    expect(big.status).toBe(413);
  });
});

describe('POST /api/pledge from the plain HTML form', () => {
  it('redirects to the thanks page with 303, putting nothing typed in the URL', async () => {
    const response = await postForm({ email: 'form.walker@example.org', idempotencyKey: randomUUID() });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/pledge\/thanks$/);
  });

  it('shows the form again with the errors and what was typed', async () => {
    const response = await postForm({ email: 'typo@example', firstName: 'Ana', country: 'FR', idempotencyKey: randomUUID() });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('href="#email"');
    expect(html).toMatch(/<input[^>]+id="email"[^>]+value="typo@example"/);
    expect(html).toMatch(/<input[^>]+id="firstName"[^>]+value="Ana"/);
    expect(html).toMatch(/<option value="FR" selected/);
    expect(html).toContain('<title>Error: Take the pledge');
  });
});

describe('the pledge in Spanish', () => {
  const es = dictionary('es').pledge;

  it('answers JSON errors in the language the locale property names, and in English for none or an unknown one', async () => {
    const body = { email: 'nope', country: 'XX', idempotencyKey: randomUUID() };
    const spanish = await postJson({ ...body, locale: 'es' });
    expect(spanish.status).toBe(400);
    expect(await spanish.json()).toEqual({ errors: { email: es.errors.emailFormat, country: es.errors.country } });
    for (const locale of [undefined, 'fr', 'ES']) {
      const english = (await (await postJson({ ...body, locale })).json()) as { errors: Record<string, string> };
      expect(english.errors.email, String(locale)).toBe(dictionary('en').pledge.errors.emailFormat);
    }
  });

  it('sends the plain Spanish form to the Spanish thanks page', async () => {
    const response = await postForm({ email: `es.walker.${randomUUID()}@example.org`, idempotencyKey: randomUUID(), locale: 'es' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/es\/pledge\/thanks$/);
  });

  it('shows the plain Spanish form again in Spanish, with what was typed', async () => {
    const response = await postForm({ email: 'typo@example', firstName: 'Ana', country: 'MX', idempotencyKey: randomUUID(), locale: 'es' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<html lang="es" dir="ltr">');
    expect(html).toContain(`<title>${es.errorTitle} | Walkaway</title>`);
    expect(html).toContain(dictionary('es').form.summaryTitle);
    expect(html).toContain(es.errors.emailFormat);
    expect(html).toMatch(/<input[^>]+id="email"[^>]+value="typo@example"/);
    expect(html).toMatch(/<option value="MX" selected[^>]*>México<\/option>/);
    expect(html).toMatch(/<input type="hidden" name="locale" value="es"/);
    // Shown at /api/pledge, it is still the Spanish pledge page, with its alternates and its switcher.
    expect(html).toContain('<link rel="alternate" hreflang="en" href="http://localhost:4321/pledge">');
    expect(html).toMatch(/<a href="\/pledge" hreflang="en"/);
  });

  it.each(['pledge', 'pledge/thanks', 'get-help', 'privacy', 'walkaways', 'updates/unsubscribe', 'speak-out', 'speak-out/thanks'])(
    'serves /%s on demand in both languages, each naming the other',
    async (page) => {
      for (const [lang, prefix] of [['en', ''], ['es', '/es']] as const) {
        const response = await fetch(`${site}${prefix}/${page}`);
        expect(response.status, `${prefix}/${page}`).toBeLessThan(500);
        const html = await response.text();
        expect(html).toContain(`<html lang="${lang}" dir="ltr">`);
        expect(html).toContain(`<link rel="alternate" hreflang="en" href="http://localhost:4321/${page}">`);
        expect(html).toContain(`<link rel="alternate" hreflang="es" href="http://localhost:4321/es/${page}">`);
        expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="http://localhost:4321/${page}">`);
      }
    },
  );

  it('has no page for a language the site does not have', async () => {
    const response = await fetch(`${site}/fr/pledge`);
    expect(response.status).toBe(404);
  });
});

describe('GET /api/tally', () => {
  it('answers the count with public caching, CORS and an ETag that revalidates', async () => {
    const response = await fetch(`${site}/api/tally`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number };
    expect(body).toMatchObject({ total: expect.any(Number), goal: 1000, byCountry: expect.any(Object) });
    expect(body.total).toBe(await rowCount());
    expect(response.headers.get('cache-control')).toContain('s-maxage=10');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const again = await fetch(`${site}/api/tally`, { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('puts the count in the HTML of the pledge page, also for a browser navigation', async () => {
    const response = await fetch(`${site}/pledge`, { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/data-tally-total>\s*[\d,]+\s*</);
  });
});

describe('when the database is down', () => {
  it('thanks the person and queues the pledge, for JSON and the plain form, and counts it once the database is back', async () => {
    const before = await rowCount();
    await fetch(`${control}/stop`);
    try {
      const json = await postJson({ email: `down-${randomUUID()}@example.org`, idempotencyKey: randomUUID() });
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual({ ok: true, queued: true });

      const form = await postForm({ email: `down-${randomUUID()}@example.org`, firstName: 'Ana', idempotencyKey: randomUUID() });
      expect(form.status).toBe(303);
      expect(form.headers.get('location')).toMatch(/\/pledge\/thanks$/);

      const tally = await fetch(`${site}/api/tally`);
      expect(tally.status).toBe(200);
    } finally {
      await fetch(`${control}/start`);
    }
    await vi.waitFor(async () => expect(await rowCount()).toBe(before + 2), { timeout: 30_000, interval: 250 });
  });
});

describe('cross-site posts', () => {
  it.each([
    ['a form', 'application/x-www-form-urlencoded', 'email=x%40y.org'],
    ['JSON', 'application/json', '{"email":"x@y.org"}'],
  ])('refuses %s from another site with 403 and writes nothing', async (_kind, type, body) => {
    const before = await rowCount();
    const response = await fetch(`${site}/api/pledge`, {
      method: 'POST',
      headers: { 'content-type': type, 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.test' },
      body,
    });
    expect(response.status).toBe(403);
    expect(await rowCount()).toBe(before);
  });
});

describe('the rate limit (the Workers binding, run by workerd)', () => {
  it('answers 429 with Retry-After past 10 pledges a minute from one address, and not to others', async () => {
    // A network of its own for this run (the limit counts an IPv6 /64): the binding's counters outlive a restarted
    // preview.
    const now = Date.now();
    const address = `2001:db8:${((now >> 16) & 0xffff).toString(16)}:${(now & 0xffff).toString(16)}::1`;
    // The binding counts in fixed 60-second windows: 10 pledges pass, and the next is refused, unless a window
    // ends in between, in which case the refusal comes at most 10 pledges later.
    const statuses: number[] = [];
    for (let i = 0; i < 21 && !statuses.includes(429); i += 1) {
      const response = await postJson({ email: `limit${i}@example.org`, idempotencyKey: randomUUID() }, { 'cf-connecting-ip': address });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toBe('60');
        expect(((await response.json()) as { error: string }).error).toMatch(/wait a minute/);
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.at(-1)).toBe(429);
    const other = await postJson({ email: 'someone.else@example.org', idempotencyKey: randomUUID() });
    expect(other.status).toBe(200);
  });
});

describe('security headers', () => {
  const expected = {
    'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
    'strict-transport-security': expect.stringContaining('max-age='),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': expect.stringMatching(/camera=\(\).*microphone=\(\).*geolocation=\(\)/),
  };

  it.each([
    ['an on-demand page', '/pledge'],
    ['the tally', '/api/tally'],
    ['a prerendered page', '/about'],
    ['a static file', '/favicon.svg'],
    ['a built asset', '/_astro/' ],
    ['the not-found page', '/no-such-page'],
  ])('are on %s', async (_what, path) => {
    let url = `${site}${path}`;
    if (path === '/_astro/') {
      const html = await (await fetch(`${site}/about`)).text();
      url = `${site}${html.match(/href="(\/_astro\/[^"]+\.css)"/)![1]}`;
    }
    const response = await fetch(url);
    await response.arrayBuffer();
    expect(Object.fromEntries(response.headers)).toMatchObject(expected);
  });

  it('keeps API answers out of caches, except the tally', async () => {
    const pledge = await postJson({ email: 'headers@example.org', idempotencyKey: randomUUID() });
    expect(pledge.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${site}/pledge`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${site}/api/tally`)).headers.get('cache-control')).toContain('public');
  });

  it("gives every page a script policy of 'self' and hashes, without 'unsafe-inline'", async () => {
    for (const path of ['/', '/pledge', '/stories/an-ordinary-story']) {
      const response = await fetch(`${site}${path}`);
      const html = await response.text();
      // Prerendered pages carry the policy in a meta tag, on-demand pages in the header.
      const policy =
        html.match(/<meta http-equiv="content-security-policy" content="([^"]+)"/)?.[1] ??
        response.headers.get('content-security-policy') ??
        '';
      const scripts = policy.split(';').find((directive) => directive.trim().startsWith('script-src')) ?? '';
      expect(scripts, path).toMatch(/^\s*script-src 'self'/);
      expect(scripts, path).not.toContain('unsafe-inline');
      expect(policy, path).not.toContain('challenges.cloudflare.com');
    }
  });
});
