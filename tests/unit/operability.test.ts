import { describe, expect, it } from 'vitest';
import { describeError, isStatementError } from '../../src/lib/db/errors.ts';
import { csvCell } from '../../src/lib/organisers/csv.ts';
import { rateLimitSubject } from '../../src/lib/security/rate-limit.ts';
import { turnstileKey } from '../../src/lib/security/turnstile.ts';
import { tallyCorrections } from '../../src/lib/tally/recount-tally.ts';

describe('who the rate limit counts', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::ffff:198.51.100.4', '198.51.100.4'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['unknown', 'unknown'],
    ['1:2:3', '1:2:3'],
  ])('%s → %s', (address, subject) => {
    expect(rateLimitSubject(address)).toBe(subject);
  });
});

describe('the recount', () => {
  it('finds nothing to correct when the rows and the tally agree', () => {
    expect(tallyCorrections([{ country: 'GB', total: 2 }, { country: null, total: 1 }], 3, [{ country: 'GB', total: 2 }])).toEqual([]);
  });

  it('names every number that drifted: the total, a country too high, one missing, one gone', () => {
    expect(
      tallyCorrections(
        [
          { country: 'GB', total: 2 },
          { country: 'FR', total: 1 },
          { country: null, total: 4 },
        ],
        9,
        [
          { country: 'GB', total: 5 },
          { country: 'DE', total: 1 },
        ],
      ),
    ).toEqual([
      { scope: 'total', stored: 9, counted: 7 },
      { scope: 'DE', stored: 1, counted: 0 },
      { scope: 'FR', stored: 0, counted: 1 },
      { scope: 'GB', stored: 5, counted: 2 },
    ]);
  });

  it('restores a missing tally row', () => {
    expect(tallyCorrections([], undefined, [])).toEqual([{ scope: 'total', stored: 0, counted: 0 }]);
  });
});

describe('errors in the log', () => {
  it("keep a database error's code and its causes", () => {
    const error = Object.assign(new Error('UNIQUE constraint failed: pledges.email_hmac'), {
      code: 'SQLITE_CONSTRAINT',
      cause: new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }),
    });
    expect(describeError(error)).toBe(
      'Error [SQLITE_CONSTRAINT]: UNIQUE constraint failed: pledges.email_hmac ← caused by TypeError: fetch failed ← caused by Error [ECONNREFUSED]: connect ECONNREFUSED',
    );
  });

  it('tell a refused statement from a database that cannot be reached', () => {
    expect(isStatementError(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBe(true);
    expect(isStatementError(Object.assign(new Error('x'), { code: 'SERVER_ERROR' }))).toBe(false);
    expect(isStatementError(new TypeError('fetch failed'))).toBe(false);
    expect(isStatementError(undefined)).toBe(false);
  });
});

describe('the Turnstile idempotency key', () => {
  it('is a version 4 UUID, as siteverify requires, the same for the same parts and keyed by the secret', async () => {
    const key = await turnstileKey('s', 'form-key', 'email-hash');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await turnstileKey('s', 'form-key', 'email-hash')).toBe(key);
    expect(await turnstileKey('s', 'form-key', 'other-hash')).not.toBe(key);
    expect(await turnstileKey('t', 'form-key', 'email-hash')).not.toBe(key);
  });
});

describe('a CSV cell', () => {
  it.each([
    ['plain', 'plain'],
    [null, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+44 20', "'+44 20"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=A1,"x"', `"'=A1,""x"""`],
  ])('%j is written %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });
});
