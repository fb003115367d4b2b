import { describe, expect, it } from 'vitest';
import { ANONYMOUS_AUTHOR, inertParagraphs, storyDraftSource } from '../../scripts/lib/new-entry.ts';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { characterCount } from '../../src/lib/story/character-count.ts';
import { errorMessages } from '../../src/lib/forms/error-messages.ts';
import { errorSummaryItems } from '../../src/lib/forms/error-summary.ts';
import { SITE_FORMS } from '../../src/lib/forms/site-forms.ts';
import { sealingKeys, submissionKeyProblem, unseal } from '../../src/lib/story/legacy-seal.ts';
import { newEditorKey, openStoryContent, parseIdentities, parseRecipients, sealStoryContent } from '../../src/lib/story/seal-story.ts';
import { legacySeal } from '../support/legacy-seal.ts';
import { validateStory } from '../../src/lib/story/validate.ts';

const KEY = btoa('k'.repeat(32));
const OTHER_KEY = btoa('o'.repeat(32));
const formKey = '6f1c2a4e-1111-4a2b-9c3d-123456789abc';
const valid = { story: 'It started with a message.', credit: 'anonymous', relationship: 'survivor', consent: 'on', idempotencyKey: formKey };

function errorsFor(input: Record<string, unknown>) {
  const result = validateStory(input);
  return result.ok ? {} : result.errors;
}

describe('sealing what a reader wrote, to the editors', () => {
  const content = { story: `Ñandú, 李, محمد, “quotes” ${'x'.repeat(10_000)}`, creditName: 'Ana', contentWarning: null, email: 'ana@example.org' };

  it('opens with any one editor\'s identity, for the row it was sealed for, and with nothing else', async () => {
    const [ana, ben, stranger] = [await newEditorKey(), await newEditorKey(), await newEditorKey()];
    const sealed = await sealStoryContent(content, { recipients: [ana.recipient, ben.recipient], row: 'row-1' });
    expect(sealed).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(sealed).not.toMatch(/Ñandú|ana@example/);
    expect(await openStoryContent(sealed, { identities: [ana.identity], row: 'row-1' })).toEqual(content);
    expect(await openStoryContent(sealed, { identities: [ben.identity], row: 'row-1' })).toEqual(content);
    await expect(openStoryContent(sealed, { identities: [stranger.identity], row: 'row-1' })).rejects.toThrow('does not open with this identity');
    await expect(openStoryContent(sealed, { identities: [ana.identity], row: 'row-2' })).rejects.toThrow('belongs to another row');
    const tampered = sealed.replace(/[A-Za-z](?=[^\n]*\n-----END)/, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(openStoryContent(tampered, { identities: [ana.identity], row: 'row-1' })).rejects.toThrow();
  });

  it('pads what it seals, so that the size of a sealed story does not tell its exact length', async () => {
    const { recipient } = await newEditorKey();
    const sizeOf = async (story: string) => (await sealStoryContent({ ...content, story }, { recipients: [recipient], row: 'r' })).length;
    expect(await sizeOf('a')).toBe(await sizeOf('a'.repeat(300)));
    expect(await sizeOf('a'.repeat(2_000))).toBeGreaterThan(await sizeOf('a'));
  });

  it('never seals the same story the same way twice', async () => {
    const { recipient } = await newEditorKey();
    const twice = [await sealStoryContent(content, { recipients: [recipient], row: 'r' }), await sealStoryContent(content, { recipients: [recipient], row: 'r' })];
    expect(twice[0]).not.toBe(twice[1]);
  });

  it('takes the editors\' public keys separated by spaces, commas or lines, and names what is wrong with them', async () => {
    const [a, b] = [await newEditorKey(), await newEditorKey()];
    expect(parseRecipients(` ${a.recipient},\n${b.recipient} `)).toEqual({ recipients: [a.recipient, b.recipient] });
    expect(parseRecipients(undefined)).toEqual({ problem: expect.stringContaining('STORY_RECIPIENTS is not set') });
    expect(parseRecipients(`${a.recipient} ${a.identity}`)).toEqual({ problem: expect.stringContaining('1 value(s) that are not age public keys') });
    expect(parseRecipients(a.recipient.toUpperCase())).toEqual({ problem: expect.stringContaining('not age public keys') });
  });

  it('reads identities from a file as age-keygen writes it, passing over comments', async () => {
    const { identity, recipient } = await newEditorKey();
    expect(parseIdentities(`# created: 2026-12-02\r\n# public key: ${recipient}\r\n${identity}\r\n\r\n`)).toEqual([identity]);
    expect(parseIdentities('no key here')).toEqual([]);
  });
});

describe('what SUBMISSION_KEY sealed before the editors\' keys', () => {
  it('opens with that key, for the same field, untouched, until it is resealed', async () => {
    const keys = await sealingKeys(KEY);
    const sealed = await legacySeal(keys, 'Ñandú', 'story');
    expect(await unseal(keys, sealed, 'story')).toBe('Ñandú');
    await expect(unseal(await sealingKeys(OTHER_KEY), sealed, 'story')).rejects.toThrow();
    await expect(unseal(keys, sealed, 'email')).rejects.toThrow();
    const [, iv, data] = sealed.split('.');
    const flipped = `v1.${iv}.${data!.slice(0, -2)}${data!.at(-2) === 'A' ? 'B' : 'A'}${data!.at(-1)}`;
    await expect(unseal(keys, flipped, 'story')).rejects.toThrow();
    await expect(unseal(keys, 'plain text', 'story')).rejects.toThrow('the story is not sealed text');
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
  /** The reader's words as the draft holds them: each paragraph's string, as JavaScript reads the literal back. */
  const paragraphsOf = (mdx: string) => [...mdx.matchAll(/^<p>\{(".*")\}<\/p>$/gm)].map(([, literal]) => JSON.parse(literal!) as string);

  it.each([
    ['a relative image, which MDX would import', '![x](../../scripts/walkaway.ts)'],
    ["the organisers' secrets as an image", '![x](../../.dev.vars?raw)'],
    ['a link', '[Helpline](https://evil.example)'],
    ['an autolink', 'see www.evil.example and <https://evil.example>'],
    ['a reference link to javascript:', '[x]: javascript:alert(1)'],
    ['a tracking image', '![](https://evil.example/p.png)'],
    ['HTML', '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>'],
    ['an MDX expression', '{fetch("https://evil.example")} {/* */} }{'],
    ['an import', 'import walkaway from "../../scripts/walkaway.ts"'],
    ['an export', 'export const x = 1'],
    ['a code fence', '```js'],
    ['an HTML comment', '<!-- hidden -->'],
    ['a thematic break', '---'],
    ['backticks', '`code` and ``more``'],
    ['fullwidth braces', '｛name｝'],
    ['zero-width characters', 'a\u200bb\u200dc\ufeffd'],
    ['backslashes and quotes', 'a \\ b " c \\" d'],
  ])('keeps %s as text, inside one string literal per paragraph', (_case, line) => {
    const mdx = inertParagraphs(line);
    expect(mdx).toMatch(/^<p>\{".*"\}<\/p>$/);
    // MDX ends an expression at its closing brace: the only braces are the expression's own, around the literal.
    expect(mdx.slice('<p>{'.length, -'}</p>'.length)).not.toMatch(/[{}]/);
    expect(paragraphsOf(mdx)).toEqual([line.trim()]);
  });

  it('writes the characters an editor could not see while redacting as escapes, which read back as written', () => {
    const line = 'file\u202Egnp.exe, he\u200Bllo, tag\u{E0041}, next\u0085line';
    const mdx = inertParagraphs(line);
    expect(mdx).not.toMatch(/[\u202E\u200B\u0085]|\u{E0041}/u);
    expect(mdx).toContain('\\u202e');
    expect(paragraphsOf(mdx)).toEqual([line]);
  });

  it('makes each line the writer typed a paragraph of its own, whatever ends it', () => {
    expect(paragraphsOf(inertParagraphs('First line\nSecond line\r\n\r\nThird\rFourth\u2028Fifth\u2029Sixth'))).toEqual([
      'First line',
      'Second line',
      'Third',
      'Fourth',
      'Fifth',
      'Sixth',
    ]);
  });

  it('fills in the credit and the warning, quoted, and leaves the rest for an editor, as a draft', () => {
    const source = storyDraftSource({ story: 'My story', author: 'Ana: "A."', contentWarning: 'Mentions abuse.', day: '2026-11-29' });
    expect(source).toContain('author: "Ana: \\"A.\\""');
    expect(source).toContain('contentWarning: "Mentions abuse."');
    expect(source).toContain('draft: true');
    expect(source).toMatch(/title: "\[Editors: /);
    expect(source.endsWith('<p>{"My story"}</p>\n')).toBe(true);
    expect(ANONYMOUS_AUTHOR.es).toBe('Anónimo');
  });
});
