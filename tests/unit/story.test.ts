import { describe, expect, it } from 'vitest';
import { ANONYMOUS_AUTHOR, mdxText, storyDraftSource } from '../../scripts/lib/new-entry.ts';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { characterCount } from '../../src/lib/story/character-count.ts';
import { errorMessages } from '../../src/lib/forms/error-messages.ts';
import { errorSummaryItems } from '../../src/lib/forms/error-summary.ts';
import { SITE_FORMS } from '../../src/lib/forms/site-forms.ts';
import { fingerprint, seal, sealingKeys, submissionKeyProblem, unseal } from '../../src/lib/security/seal.ts';
import { validateStory } from '../../src/lib/story/validate.ts';

const KEY = btoa('k'.repeat(32));
const OTHER_KEY = btoa('o'.repeat(32));
const formKey = '6f1c2a4e-1111-4a2b-9c3d-123456789abc';
const valid = { story: 'It started with a message.', credit: 'anonymous', relationship: 'survivor', consent: 'on', idempotencyKey: formKey };

function errorsFor(input: Record<string, unknown>) {
  const result = validateStory(input);
  return result.ok ? {} : result.errors;
}

describe('sealing what a reader wrote', () => {
  it('opens again only with the same key, for the same field, untouched', async () => {
    const keys = await sealingKeys(KEY);
    const text = `Ñandú, 李, محمد, “quotes” ${'x'.repeat(10_000)}`;
    const sealed = await seal(keys, text, 'story');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('Ñandú');
    expect(await unseal(keys, sealed, 'story')).toBe(text);
    await expect(unseal(await sealingKeys(OTHER_KEY), sealed, 'story')).rejects.toThrow();
    await expect(unseal(keys, sealed, 'email')).rejects.toThrow();
    const [, iv, data] = sealed.split('.');
    const flipped = `v1.${iv}.${data!.slice(0, -2)}${data!.at(-2) === 'A' ? 'B' : 'A'}${data!.at(-1)}`;
    await expect(unseal(keys, flipped, 'story')).rejects.toThrow();
    await expect(unseal(keys, 'plain text', 'story')).rejects.toThrow('the story is not sealed text');
  });

  it('never seals the same text the same way twice', async () => {
    const keys = await sealingKeys(KEY);
    expect(await seal(keys, 'same', 'story')).not.toBe(await seal(keys, 'same', 'story'));
  });

  it('fingerprints equal texts alike, and differently under another key', async () => {
    const [keys, other] = [await sealingKeys(KEY), await sealingKeys(OTHER_KEY)];
    expect(await fingerprint(keys, 'a story')).toBe(await fingerprint(keys, 'a story'));
    expect(await fingerprint(keys, 'a story')).not.toBe(await fingerprint(keys, 'another'));
    expect(await fingerprint(keys, 'a story')).not.toBe(await fingerprint(other, 'a story'));
  });

  it('says what is wrong with a key, and refuses to work with it', async () => {
    expect(submissionKeyProblem(KEY)).toBeUndefined();
    expect(submissionKeyProblem(undefined)).toBe('SUBMISSION_KEY is not set');
    expect(submissionKeyProblem('not base64!')).toMatch(/not base64/);
    expect(submissionKeyProblem(btoa('short'))).toMatch(/must be 32 bytes \(it is 5\)/);
    await expect(sealingKeys(btoa('short'))).rejects.toThrow('must be 32 bytes');
  });
});

describe('a valid story', () => {
  it('needs the story, a credit, a connection, consent and the form reference', () => {
    expect(validateStory(valid)).toMatchObject({
      ok: true,
      valid: { story: valid.story, credit: 'anonymous', creditName: null, relationship: 'survivor', country: null, contentWarning: null, email: null, locale: 'en' },
    });
  });

  it('keeps the name only when the writer chose to be credited by it, and line breaks as one character', () => {
    expect(validateStory({ ...valid, creditName: 'Ana' })).toMatchObject({ ok: true, valid: { creditName: null } });
    expect(validateStory({ ...valid, credit: 'first-name', creditName: ' Ana ' })).toMatchObject({ ok: true, valid: { creditName: 'Ana' } });
    expect(validateStory({ ...valid, credit: 'initials', creditName: 'A. B.' })).toMatchObject({ ok: true, valid: { creditName: 'A. B.' } });
    expect(validateStory({ ...valid, story: 'One\r\nTwo\rThree' })).toMatchObject({ ok: true, valid: { story: 'One\nTwo\nThree' } });
  });

  it('takes the optional country, warning and email, and the language of the form', () => {
    const result = validateStory({ ...valid, country: 'mx', contentWarning: 'Habla de abusos.', email: 'ana@example.org', locale: 'es', consent: true });
    expect(result).toMatchObject({ ok: true, valid: { country: 'MX', contentWarning: 'Habla de abusos.', email: 'ana@example.org', locale: 'es' } });
  });
});

describe('an invalid story gets a message for each field at fault, and keeps what was typed', () => {
  it.each([
    ['no story', { ...valid, story: '  ' }, 'story', 'storyMissing'],
    ['a story over 10,000 characters', { ...valid, story: 'a'.repeat(10_001) }, 'story', 'storyTooLong'],
    ['a control character', { ...valid, story: 'Hi\u0007' }, 'story', 'storyCharacters'],
    ['no credit', { ...valid, credit: '' }, 'credit', 'credit'],
    ['an unknown credit', { ...valid, credit: 'full-name' }, 'credit', 'credit'],
    ['initials missing', { ...valid, credit: 'initials' }, 'creditName', 'initialsMissing'],
    ['initials too long', { ...valid, credit: 'initials', creditName: 'Ana María López' }, 'creditName', 'initialsFormat'],
    ['first name missing', { ...valid, credit: 'first-name' }, 'creditName', 'firstNameMissing'],
    ['a web address as first name', { ...valid, credit: 'first-name', creditName: 'www.spam.test' }, 'creditName', 'firstNameUrl'],
    ['no connection', { ...valid, relationship: '' }, 'relationship', 'relationship'],
    ['an unknown country', { ...valid, country: 'ZZ' }, 'country', 'country'],
    ['a long content warning', { ...valid, contentWarning: 'w'.repeat(201) }, 'contentWarning', 'contentWarningTooLong'],
    ['no consent', { ...valid, consent: undefined }, 'consent', 'consentMissing'],
    ['a malformed email', { ...valid, email: 'ana@' }, 'email', 'emailFormat'],
    ['no form reference', { ...valid, idempotencyKey: 'x' }, 'idempotencyKey', 'idempotencyKey'],
  ])('%s', (_case, input, field, code) => {
    expect(errorsFor(input)).toEqual({ [field]: code });
  });

  it('keeps exactly what was typed to show the form again', () => {
    const result = validateStory({ ...valid, consent: undefined, story: 'My story\r\n', email: 'typo@' });
    expect(result).toMatchObject({ ok: false, values: { story: 'My story', email: 'typo@', credit: 'anonymous', consent: false } });
  });

  it('words every problem in every language, and links each to its field', () => {
    const errors = errorsFor({ credit: 'x', idempotencyKey: 'x' });
    for (const lang of LOCALES) {
      const messages = errorMessages(errors, dictionary(lang).speakOut.errors);
      expect(Object.values(messages).every((message) => typeof message === 'string' && message.length > 5)).toBe(true);
    }
    const targets = errorSummaryItems(errorMessages(errors, dictionary('en').speakOut.errors), 'try again', SITE_FORMS.story.errorTargets).map((item) => item.target);
    expect(targets).toEqual(['story', 'credit-anonymous', 'relationship-survivor', 'consent', 'story-submit', 'story-submit']);
  });
});

describe('the character count', () => {
  const words = dictionary('en').speakOut;
  it('counts down to the limit and past it, in the page language', () => {
    expect(characterCount(13, 10_000, words, 'en')).toEqual({ text: 'Characters left: 9,987', over: false });
    expect(characterCount(10_013, 10_000, words, 'en')).toEqual({ text: 'Characters too many: 13', over: true });
    expect(characterCount(0, 10_000, dictionary('es').speakOut, 'es').text).toBe('Caracteres disponibles: 10.000');
  });
});

describe('a draft made from a story', () => {
  it('keeps what the reader wrote as text: nothing in it runs or becomes markup when the site builds', () => {
    expect(mdxText('Hi {name} <script>alert(1)</script> a\\b')).toBe('Hi \\{name\\} \\<script\\>alert(1)\\</script\\> a\\\\b');
    expect(mdxText('import fs from "node:fs"\nexport const x = 1\nimported goods')).toBe(
      '&#105;mport fs from "node:fs"\n\n&#101;xport const x = 1\n\nimported goods',
    );
  });

  it('makes each line the writer typed a paragraph of its own', () => {
    expect(mdxText('First line\nSecond line\n\n\nThird')).toBe('First line\n\nSecond line\n\nThird');
  });

  it('fills in the credit and the warning, quoted, and leaves the rest for an editor, as a draft', () => {
    const source = storyDraftSource({ story: 'My story', author: 'Ana: "A."', contentWarning: 'Mentions abuse.', day: '2026-11-29', heroSrc: './images/placeholder-hero.jpg' });
    expect(source).toContain('author: "Ana: \\"A.\\""');
    expect(source).toContain('contentWarning: "Mentions abuse."');
    expect(source).toContain('draft: true');
    expect(source).toMatch(/title: "\[Editors: /);
    expect(source.endsWith('---\n\nMy story\n')).toBe(true);
    expect(ANONYMOUS_AUTHOR.es).toBe('Anónimo');
  });
});
