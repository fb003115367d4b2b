import { describe, expect, it } from 'vitest';
import { isCrossSite } from '../../src/lib/security/cross-site.ts';

const post = (headers: Record<string, string>) =>
  new Request('https://walkaway.test/api/pledge', { method: 'POST', headers });

describe('cross-site requests', () => {
  it.each([
    ['a same-origin fetch or form post', { 'sec-fetch-site': 'same-origin' }, false],
    ['our own form post without a referrer (Origin null)', { 'sec-fetch-site': 'same-origin', origin: 'null' }, false],
    ['a request the person typed or bookmarked', { 'sec-fetch-site': 'none' }, false],
    ['a form on another site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }, true],
    ['another subdomain of the same site', { 'sec-fetch-site': 'same-site' }, true],
    ['an older browser on another site', { origin: 'https://evil.test' }, true],
    ['an older browser on our site', { origin: 'https://walkaway.test' }, false],
    ['a script or curl, with neither header', {}, false],
  ])('%s → %s', (_case, headers, crossSite) => {
    expect(isCrossSite(post(headers))).toBe(crossSite);
  });
});
