import { describe, expect, it } from 'vitest';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { errorMessages } from '../../src/lib/forms/error-messages.ts';
import { validatePledge } from '../../src/lib/pledge/validate.ts';

const key = '6f1c2a4e-1111-4a2b-9c3d-123456789abc';
const valid = { email: 'walker@example.org', idempotencyKey: key };

function errorsFor(input: Record<string, unknown>) {
  const result = validatePledge(input);
  return result.ok ? {} : result.errors;
}

describe('a valid pledge', () => {
  it('needs only an email and the form reference, with consent off by default', () => {
    const result = validatePledge(valid);
    expect(result).toMatchObject({
      ok: true,
      valid: { email: 'walker@example.org', firstName: null, country: null, updates: false, idempotencyKey: key },
    });
  });

  it('trims, upper-cases the country and reads form and JSON consent alike', () => {
    for (const updates of ['on', true]) {
      const result = validatePledge({ ...valid, email: '  walker@example.org ', firstName: ' Ana ', country: 'gb', updates });
      expect(result).toMatchObject({ ok: true, valid: { email: 'walker@example.org', firstName: 'Ana', country: 'GB', updates: true } });
    }
  });

  it('accepts names from many scripts, with hyphens and apostrophes', () => {
    for (const firstName of ['Zoë', "O'Brien", 'Jean-Luc', 'محمد', 'Ngũgĩ', '李']) {
      expect(errorsFor({ ...valid, firstName }), firstName).toEqual({});
    }
  });

  it('keeps what the person typed when something is wrong', () => {
    const result = validatePledge({ email: 'not-an-email', firstName: 'Ana', country: 'fr', updates: 'on', idempotencyKey: key });
    expect(result).toMatchObject({
      ok: false,
      values: { email: 'not-an-email', firstName: 'Ana', country: 'FR', updates: true, idempotencyKey: key },
    });
  });
});

describe('invalid pledges get a message for each field at fault', () => {
  it.each([
    ['missing email', { idempotencyKey: key }, 'email', 'Enter your email address'],
    ['email without @', { ...valid, email: 'walker.example.org' }, 'email', 'correct format'],
    ['email without a domain dot', { ...valid, email: 'walker@localhost' }, 'email', 'correct format'],
    ['email with a space', { ...valid, email: 'wal ker@example.org' }, 'email', 'correct format'],
    ['email over 254 characters', { ...valid, email: `${'a'.repeat(64)}@${'b'.repeat(186)}.org` }, 'email', '254 characters'],
    ['first name over 50 characters', { ...valid, firstName: 'a'.repeat(51) }, 'firstName', '50 characters'],
    ['first name with a URL', { ...valid, firstName: 'visit https://spam.test' }, 'firstName', 'web address'],
    ['first name with a bare domain', { ...valid, firstName: 'spam.com deals' }, 'firstName', 'web address'],
    ['first name starting with =', { ...valid, firstName: '=HYPERLINK("x")' }, 'firstName', 'must not start with'],
    ['first name starting with +', { ...valid, firstName: '+1' }, 'firstName', 'must not start with'],
    ['first name starting with -', { ...valid, firstName: '-2' }, 'firstName', 'must not start with'],
    ['first name starting with @', { ...valid, firstName: '@SUM(1)' }, 'firstName', 'must not start with'],
    ['first name with a bidi override', { ...valid, firstName: 'Ana\u202Egnp.exe' }, 'firstName', 'only contain'],
    ['first name with a control character', { ...valid, firstName: 'Ana\u0007' }, 'firstName', 'only contain'],
    ['unknown country', { ...valid, country: 'ZZ' }, 'country', 'Select your country'],
    ['country name instead of code', { ...valid, country: 'France' }, 'country', 'Select your country'],
    ['missing form reference', { email: 'walker@example.org' }, 'idempotencyKey', 'reload the page'],
    ['malformed form reference', { ...valid, idempotencyKey: 'abc' }, 'idempotencyKey', 'reload the page'],
  ])('%s', (_case, input, field, message) => {
    const errors = errorsFor(input);
    expect(Object.keys(errors)).toEqual([field]);
    expect(errorMessages(errors, dictionary('en').pledge.errors)[field as keyof typeof errors]).toContain(message);
  });

  it('reports every field at fault at once', () => {
    expect(Object.keys(errorsFor({ email: '', firstName: '=x', country: 'XX', idempotencyKey: '' })).sort()).toEqual(
      ['country', 'email', 'firstName', 'idempotencyKey'],
    );
  });

  it("words each problem in the form's language, and in English when the form names none or an unknown one", () => {
    const english = dictionary('en').pledge.errors;
    const spanish = dictionary('es').pledge.errors;
    const result = validatePledge({ email: '', country: 'ZZ', idempotencyKey: key, locale: 'es' });
    expect(result.values.locale).toBe('es');
    expect(errorMessages(errorsFor({ email: '', idempotencyKey: key }), spanish).email).toBe(spanish.emailMissing);
    expect(spanish.emailMissing).not.toBe(english.emailMissing);
    for (const locale of [undefined, 'fr', 'EN', 42]) expect(validatePledge({ ...valid, locale }).values.locale).toBe('en');
    expect(validatePledge({ ...valid, locale: 'es' })).toMatchObject({ ok: true, valid: { locale: 'es' } });
  });

  it('treats a non-object body as empty rather than throwing', () => {
    for (const input of [null, 42, 'email=x', []]) expect(validatePledge(input).ok).toBe(false);
  });
});
