import { describe, expect, it } from 'vitest';
import { emailIdentity, normaliseEmail } from '../../src/lib/pledge/email.ts';
import { hmacSha256Hex } from '../../src/lib/security/hmac.ts';

describe('normalising an email for sending', () => {
  it('trims, lower-cases and composes to NFC but keeps dots and tags', () => {
    expect(normaliseEmail('  Jane.Doe+Walk@Example.ORG ')).toBe('jane.doe+walk@example.org');
    expect(normaliseEmail('Zoe\u0308@example.org')).toBe('zo\u00eb@example.org');
  });
});

describe('recognising the same person', () => {
  it.each([
    ['Jane.Doe@Gmail.com', 'janedoe@gmail.com'],
    [' j.a.n.e.d.o.e+facebook@gmail.com', 'janedoe@gmail.com'],
    ['JaneDoe@googlemail.com', 'janedoe@gmail.com'],
    ['jane+news@example.org', 'jane@example.org'],
  ])('%s is the same person as %s', (variant, canonical) => {
    expect(emailIdentity(variant)).toBe(canonical);
  });

  it('keeps dots outside Gmail, where they can mean different mailboxes', () => {
    expect(emailIdentity('jane.doe@example.org')).not.toBe(emailIdentity('janedoe@example.org'));
  });

  it('does not empty a local part that starts with +', () => {
    expect(emailIdentity('+tag@example.org')).toBe('+tag@example.org');
  });
});

describe('HMAC-SHA256', () => {
  it('matches the RFC 4231 test vector', async () => {
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('depends on the secret, so a leaked table cannot be matched without it', async () => {
    expect(await hmacSha256Hex('one', 'jane@example.org')).not.toBe(await hmacSha256Hex('two', 'jane@example.org'));
  });
});
