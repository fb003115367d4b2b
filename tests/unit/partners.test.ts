// Partners as content, their frame's rules, and paper pledges: what a partner file may say, who may frame the form,
// the frame's language and thanks, the public count with paper pledges, and what organisers may add.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { partnerSchema } from '../../src/lib/content/schemas.ts';
import { MAX_OFFLINE_BATCH, offlineBatchProblems, printable } from '../../src/lib/organisers/offline-pledges.ts';
import { embedLanguage, embedPledgePath, pledgedStateIn, pledgedStateOf } from '../../src/lib/partners/embed-pledge.ts';
import { isFrameOrigin, PARTNER_SLUG } from '../../src/lib/partners/frame-origin.ts';
import { QUICK_EXIT_URL } from '../../src/config.ts';
import { EXIT_MESSAGE, HEIGHT_MESSAGE, MAX_FRAME_HEIGHT } from '../../src/lib/partners/frame-messages.ts';
import { sourceCode } from '../../src/lib/pledge/share-source.ts';
import { withSecurityHeaders } from '../../src/lib/security/headers.ts';
import { publicTally } from '../../src/lib/tally/public-counts.ts';

const HOSTILE_ORIGINS = [
  '*',
  'https://*.example.org',
  "'self'",
  "'none'",
  'https://example.org; script-src *',
  'https://example.org https://evil.test',
  'https://example.org/',
  'https://example.org/page',
  'https://example.org?x=1',
  'https://example.org#x',
  ' https://example.org',
  'https://example.org ',
  'https://Example.org',
  'https://example.org:443',
  'https://example.org:70000',
  'https://example.org:0',
  'https://user@example.org',
  'https://example.org"',
  "https://example.org'",
  'http://example.org',
  'http://127.0.0.1.evil.test',
  'javascript:alert(1)',
  'data:text/html,x',
  'https://',
  'https://localhost',
  'https://exa_mple.org',
  'https://例え.jp',
  '',
];

describe('a partner origin', () => {
  it.each(HOSTILE_ORIGINS)('refuses %j: only scheme://host[:port] goes into frame-ancestors', (origin) => {
    expect(isFrameOrigin(origin)).toBe(false);
  });

  it.each(['https://www.example.org', 'https://example.org:8443', 'https://xn--r8jz45g.jp', 'http://127.0.0.1:4321', 'http://localhost:3000', 'http://127.0.0.1'])(
    'accepts %s',
    (origin) => expect(isFrameOrigin(origin)).toBe(true),
  );
});

describe('a partner file', () => {
  const valid = { name: 'A group', website: 'https://group.example.org', origins: ['https://group.example.org'] };

  it('is active and not named on /partners unless it says otherwise', () => {
    expect(partnerSchema.parse(valid)).toEqual({ ...valid, active: true, listed: false });
  });

  it('may be tried on this machine, with an http website and origin on 127.0.0.1', () => {
    const local = { ...valid, website: 'http://127.0.0.1:8081/', origins: ['http://127.0.0.1:8081'] };
    expect(partnerSchema.parse(local)).toMatchObject(local);
  });

  it('is refused with a message naming the origin at fault, the field and what to write instead', () => {
    const result = partnerSchema.safeParse({ ...valid, origins: ['https://group.example.org', 'https://group.example.org/embed; script-src *'] });
    expect(result.success).toBe(false);
    const [issue] = result.error!.issues;
    expect(issue!.path).toEqual(['origins', 1]);
    expect(issue!.message).toContain('"https://group.example.org/embed; script-src *" is not an origin');
    expect(issue!.message).toContain('scheme://host[:port]');
  });

  it.each([
    ['no origin', { ...valid, origins: [] }, 'origins'],
    ['an http website', { ...valid, website: 'http://group.example.org' }, 'website'],
    ['a javascript: website', { ...valid, website: 'javascript:alert(1)' }, 'website'],
    ['a language the site lacks', { ...valid, languages: ['fr'] }, 'languages'],
    ['a logo outside public/partners', { ...valid, logo: 'https://tracker.example/logo.png' }, 'logo'],
    ['a field the schema does not know', { ...valid, frameAnyone: true }, ''],
    ['no name', { ...valid, name: ' ' }, 'name'],
    ['a name that would rewrite the organisers’ terminal', { ...valid, name: 'Group\u001b]8;;https://evil.test\u0007x\u001b[2K' }, 'name'],
    ['a name with a right-to-left override', { ...valid, name: 'Group \u202etxet' }, 'name'],
  ])('is refused with %s', (_, data, field) => {
    const result = partnerSchema.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join('.')).toBe(field === 'languages' ? 'languages.0' : field);
  });

  it('is named by a code that is also a valid share code, so that its pledges carry it', () => {
    for (const code of ['a', 'local-partner', 'x'.repeat(32)]) expect([PARTNER_SLUG.test(code), sourceCode(code)]).toEqual([true, code]);
    for (const code of ['', '-a', 'a-', 'A', 'a_b', 'a.b', 'x'.repeat(33), '../a']) expect(PARTNER_SLUG.test(code), code).toBe(false);
  });
});

describe('framing', () => {
  const framed = (origins: string[]) => withSecurityHeaders(new Response(''), { framing: { origins } });

  it("allows a partner's origins alone, without X-Frame-Options", () => {
    const response = framed(['https://a.example.org', 'https://b.example.org:8443']);
    expect(response.headers.get('content-security-policy')).toBe(
      "frame-ancestors https://a.example.org https://b.example.org:8443; base-uri 'none'; object-src 'none'; form-action 'self'",
    );
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it.each([[[]], [['https://a.example.org', '*']], [["https://a.example.org; script-src 'unsafe-inline'"]], [['https://a.example.org/path']]])(
    'is refused to everyone, never opened, for origins %j',
    (origins) => {
      const response = framed(origins);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    },
  );

  it("adds its directives once to a page's own policy, even when the page passes through twice (a rewrite)", () => {
    const once = withSecurityHeaders(new Response('', { headers: { 'content-security-policy': "script-src 'self'" } }), { framing: { origins: ['https://a.example.org'] } });
    const twice = withSecurityHeaders(once, { framing: { origins: ['https://a.example.org'] } });
    expect(twice.headers.get('content-security-policy')).toBe(once.headers.get('content-security-policy'));
    expect(twice.headers.get('content-security-policy')!.match(/frame-ancestors/g)).toHaveLength(1);
  });
});

describe("the partner's frame", () => {
  it('is in the language the partner page asked for, when the partner offers it; else the page’s; else the partner’s first', () => {
    expect(embedLanguage('en', { asked: 'es-MX', offered: undefined })).toBe('es');
    expect(embedLanguage('en', { asked: 'ES', offered: ['en', 'es'] })).toBe('es');
    expect(embedLanguage('en', { asked: 'es', offered: ['en'] })).toBe('en');
    expect(embedLanguage('en', { asked: 'fr', offered: undefined })).toBe('en');
    expect(embedLanguage('es', { asked: null, offered: undefined })).toBe('es');
    expect(embedLanguage('en', { asked: null, offered: ['es'] })).toBe('es');
    expect(embedLanguage('en', { asked: '"><script>', offered: ['es'] })).toBe('es');
  });

  it('lands on its thanks in the frame, in the state the answer was in, and shows the form for any other state', () => {
    expect(embedPledgePath('a-partner')).toBe('/embed/pledge?partner=a-partner');
    expect(embedPledgePath('a-partner', pledgedStateOf({ status: 'check-email' }))).toBe('/embed/pledge?partner=a-partner&pledged=check-email');
    expect([pledgedStateOf({}), pledgedStateOf({ queued: true })]).toEqual(['counted', 'queued']);
    expect([pledgedStateIn('queued'), pledgedStateIn('counted '), pledgedStateIn('<b>'), pledgedStateIn(null)]).toEqual(['queued', undefined, undefined, undefined]);
  });

  it('sends the messages embed.js accepts, and embed.js leaves for the quick exit’s neutral site', () => {
    const script = readFileSync(new URL('../../public/embed.js', import.meta.url), 'utf8');
    expect(script).toContain(`const HEIGHT_MESSAGE = '${HEIGHT_MESSAGE}';`);
    expect(script).toContain(`const EXIT_MESSAGE = '${EXIT_MESSAGE}';`);
    expect(script).toContain(`const MAX_FRAME_HEIGHT = ${MAX_FRAME_HEIGHT};`);
    expect(script).toContain(`const QUICK_EXIT_URL = '${QUICK_EXIT_URL}';`);
  });
});

describe('the public count with paper pledges', () => {
  it('adds them to the total and the goal, apart from the online pledges, and never to a country', () => {
    const tally = publicTally(
      { total: 995, offline: 10, updatedAt: '2026-12-02T10:41:37.123Z', byCountry: { GB: 6 } },
      { threshold: 5, milestones: [1_000, 10_000] },
    );
    expect(tally).toEqual({
      total: 1_005,
      online: 995,
      offline: 10,
      goal: 10_000,
      nextMilestone: 10_000,
      milestones: [
        { value: 1_000, reachedAt: null },
        { value: 10_000, reachedAt: null },
      ],
      updatedAt: '2026-12-02T10:41:00.000Z',
      byCountry: { GB: 6 },
    });
  });

  it('reads a copy cached before paper pledges existed as none on paper', () => {
    expect(publicTally({ total: 3, updatedAt: '2026-12-02T10:41:00.000Z', byCountry: {} }, { threshold: 5, milestones: [10] })).toMatchObject({
      total: 3,
      online: 3,
      offline: 0,
    });
  });
});

describe('a batch of paper pledges', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const partners = new Set(['a-partner']);
  const batch: { partner: string; count: string; date: string; note?: string | undefined; by: string } = {
    partner: 'a-partner',
    count: '120',
    date: '2026-12-01',
    note: 'Stall at the market',
    by: 'ana',
  };
  const problems = (changes: Partial<typeof batch>) => offlineBatchProblems({ ...batch, ...changes }, { partners, now });

  it('is taken for a partner, a whole count, a past day (or tomorrow in UTC), an optional note and who added it', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ date: '2026-12-03', note: undefined })).toEqual([]);
  });

  it.each([
    ['an unknown partner', { partner: 'someone-else' }, '--partner'],
    ['a partner code with a path', { partner: '../a-partner' }, '--partner'],
    ['no pledges', { count: '0' }, '--count'],
    ['a negative count', { count: '-5' }, '--count'],
    ['a fraction', { count: '1.5' }, '--count'],
    ['an exponent', { count: '1e3' }, '--count'],
    ['a count with spaces', { count: ' 12' }, '--count'],
    ['more than a batch may hold', { count: String(MAX_OFFLINE_BATCH + 1) }, '--count'],
    ['a day that does not exist', { date: '2026-02-30' }, '--date'],
    ['a day written another way', { date: '01/12/2026' }, '--date'],
    ['a day in the future', { date: '2026-12-04' }, '--date'],
    ['a note that clears the terminal', { note: 'ok\u001b[2J\u001b[Hgone' }, '--note'],
    ['a note with a right-to-left override', { note: 'Stall \u202eet' }, '--note'],
    ['a note on two lines', { note: 'one\ntwo' }, '--note'],
    ['a note too long', { note: 'x'.repeat(501) }, '--note'],
    ['nobody', { by: '  ' }, '--by'],
    ['a name with a control character', { by: 'ana\u0007' }, '--by'],
  ])('is refused for %s, naming the option', (_, changes, option) => {
    const found = problems(changes);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${option}: `));
  });

  it('is printed without the characters a stored note could move a terminal with', () => {
    expect(printable('a\u001b[2Jb\u202ec\r\nd')).toBe('a?[2Jb?c??d');
  });
});
