import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isFrameable, SECURITY_HEADERS, withSecurityHeaders } from '../../src/lib/security/headers.ts';
import { createUnsubscribeToken, verifyUnsubscribeToken } from '../../src/lib/updates/unsubscribe-token.ts';

describe('security headers', () => {
  it('public/_headers gives static files exactly the headers the worker gives its responses', () => {
    const file = readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8');
    const rules = file.split('\n').filter((line) => /^\s+\S+:/.test(line));
    const forAll = Object.fromEntries(rules.map((line) => line.trim().split(/:\s*(.*)/s).slice(0, 2) as [string, string]).map(([name, value]) => [name.toLowerCase(), value]));
    expect(forAll).toEqual(SECURITY_HEADERS);
  });

  it('are added to a response, which becomes no-store unless it says otherwise', async () => {
    const page = withSecurityHeaders(new Response('<p>hi</p>', { status: 201, headers: { 'content-type': 'text/html' } }));
    expect(page.status).toBe(201);
    expect(await page.text()).toBe('<p>hi</p>');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const withPolicy = withSecurityHeaders(new Response('', { headers: { 'content-security-policy': "script-src 'self';" } }));
    expect(withPolicy.headers.get('content-security-policy')).toBe(`script-src 'self'; ${SECURITY_HEADERS['content-security-policy']}`);
    const cached = withSecurityHeaders(new Response('{}', { headers: { 'cache-control': 'public, max-age=5' } }));
    expect(cached.headers.get('cache-control')).toBe('public, max-age=5');
  });
});

describe('framing', () => {
  it('is refused everywhere but on the embeddable counter', () => {
    expect(['/', '/pledge', '/embed/counter/', '/embed', '/partners'].filter(isFrameable)).toEqual([]);
    expect(isFrameable('/embed/counter')).toBe(true);
    expect(isFrameable('/es/embed/counter')).toBe(true);
    expect(['/es/pledge', '/es/embed', '/fr/embed/counter'].filter(isFrameable)).toEqual([]);
  });

  it('is allowed from any site on a frameable page, with every other header kept', () => {
    const embed = withSecurityHeaders(new Response('', { headers: { 'content-security-policy': "script-src 'self'" } }), { framing: 'anyone' });
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(embed.headers.get('content-security-policy')).toBe(
      "script-src 'self'; frame-ancestors *; base-uri 'none'; object-src 'none'; form-action 'self'",
    );
    expect(embed.headers.get('referrer-policy')).toBe('no-referrer');
    expect(withSecurityHeaders(new Response('')).headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('unsubscribe tokens', () => {
  it('round-trip to the pledge they were made for', async () => {
    const token = await createUnsubscribeToken(42, 'secret');
    expect(await verifyUnsubscribeToken(token, 'secret')).toBe(42);
  });

  it('refuse another id, another secret, an altered signature and junk', async () => {
    const token = await createUnsubscribeToken(42, 'secret');
    const signature = token.split('.')[1]!;
    expect(await verifyUnsubscribeToken(`43.${signature}`, 'secret')).toBeUndefined();
    expect(await verifyUnsubscribeToken(token, 'other secret')).toBeUndefined();
    expect(await verifyUnsubscribeToken(`42.${signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`, 'secret')).toBeUndefined();
    for (const junk of ['', '42', '42.', '0.abc', '-1.' + signature, `42.${signature}x`]) {
      expect(await verifyUnsubscribeToken(junk, 'secret'), junk).toBeUndefined();
    }
  });
});
