import { describe, expect, it } from 'vitest';
import { helplineSchema } from '../../src/lib/content/schemas.ts';
import { dialHref } from '../../src/lib/content/tel.ts';
import { dictionary } from '../../src/i18n/dictionary.ts';
import { shareLinks } from '../../src/lib/share-links.ts';

describe('share links', () => {
  const links = shareLinks('https://walkaway.test/', 'Walk away & join us?', dictionary('en').share);

  it('offer X, WhatsApp, Bluesky, Telegram and email, each carrying the link with its own channel as ?ref=', () => {
    expect(links.map((link) => link.name)).toEqual(['X', 'WhatsApp', 'Bluesky', 'Telegram', 'Email']);
    const channels = links.map(({ href }) => decodeURIComponent(href).match(/https:\/\/walkaway\.test\/\?ref=([a-z-]+)/)?.[1]);
    expect(channels).toEqual(['share-x', 'share-whatsapp', 'share-bluesky', 'share-telegram', 'share-email']);
  });

  it('encode the text so that & and ? cannot break the address', () => {
    const x = new URL(links[0]!.href);
    expect(x.searchParams.get('text')).toBe('Walk away & join us?');
    expect(x.searchParams.get('url')).toBe('https://walkaway.test/?ref=share-x');
  });

  it("name the email link and word its subject in the page's language", () => {
    const spanish = shareLinks('https://walkaway.test/es', 'Únete', dictionary('es').share).at(-1)!;
    expect(spanish.name).toBe(dictionary('es').share.email);
    expect(decodeURIComponent(spanish.href)).toContain(`subject=${dictionary('es').share.emailSubject}`);
  });
});

describe('tap-to-call', () => {
  it.each([
    ['tel', '1-888-373-7888', 'tel:18883737888'],
    ['tel', '08000 121 700', 'tel:08000121700'],
    ['tel', '+44 (0) 20 7946 0000', 'tel:+442079460000'],
    ['sms', '233733', 'sms:233733'],
  ] as const)('%s %s → %s', (scheme, number, href) => {
    expect(dialHref(scheme, number)).toBe(href);
  });
});

describe('helpline data', () => {
  const valid = { id: 'us', country: 'United States', emergency: '911', lines: [{ name: 'Hotline', phone: '1-888-373-7888' }] };

  it('accepts a country with a phone line', () => {
    expect(helplineSchema.parse(valid).lines[0]?.name).toBe('Hotline');
  });

  it.each([
    ['a line with neither phone nor text', { ...valid, lines: [{ name: 'Hotline' }] }],
    ['a number with letters', { ...valid, emergency: 'nine-one-one' }],
    ['an id that is not a country code', { ...valid, id: 'usa' }],
    ['no lines', { ...valid, lines: [] }],
    ['an unknown field', { ...valid, website: 'https://x.test' }],
  ])('refuses %s', (_case, input) => {
    expect(helplineSchema.safeParse(input).success).toBe(false);
  });
});
