import { describe, expect, it } from 'vitest';
import { type Dictionary, dictionary } from '../../src/i18n/dictionary.ts';
import { es } from '../../src/i18n/es.ts';
import { LANGUAGES, LOCALES, localeOr, localizePath, splitLocale } from '../../src/i18n/locales.ts';
import { isLanguageParam } from '../../src/i18n/page.ts';
import { entryLanguage, inLanguage } from '../../src/lib/content/translations.ts';
import { isUnder, pageAddress } from '../../src/lib/page-address.ts';
import { consentLanguage, consentWording } from '../../src/lib/forms/consent.ts';
import { onDemandSitemapUrls } from '../../src/lib/sitemap-pages.ts';

describe('addresses in each language', () => {
  it('keeps English unprefixed and puts Spanish under /es', () => {
    expect(['/', '/pledge', '/stories/why'].map((path) => localizePath(path, 'en'))).toEqual(['/', '/pledge', '/stories/why']);
    expect(['/', '/pledge', '/stories/why'].map((path) => localizePath(path, 'es'))).toEqual(['/es', '/es/pledge', '/es/stories/why']);
  });

  it('reads the language and the unprefixed page back from an address', () => {
    expect(splitLocale('/es/stories/why')).toEqual({ lang: 'es', path: '/stories/why' });
    expect(splitLocale('/es')).toEqual({ lang: 'es', path: '/' });
    expect(splitLocale('/stories/why')).toEqual({ lang: 'en', path: '/stories/why' });
    // An English page whose address merely starts with something else stays English.
    expect(splitLocale('/espana')).toEqual({ lang: 'en', path: '/espana' });
    expect(splitLocale('/en/pledge')).toEqual({ lang: 'en', path: '/en/pledge' });
  });

  it('answers in English for a missing or unknown language', () => {
    expect([undefined, '', 'fr', 'ES', 'es-MX', 42].map(localeOr)).toEqual(['en', 'en', 'en', 'en', 'en', 'en']);
    expect(localeOr('es')).toBe('es');
  });

  it('takes only another language, or none, as the language part of a page address', () => {
    expect([undefined, 'es'].every(isLanguageParam)).toBe(true);
    expect(['en', 'fr', 'pledge'].some(isLanguageParam)).toBe(false);
  });

  it('gives every language a direction and a name of its own', () => {
    for (const lang of LOCALES) {
      expect(['ltr', 'rtl']).toContain(LANGUAGES[lang].dir);
      expect(new Intl.DateTimeFormat(LANGUAGES[lang].dates).resolvedOptions().locale.split('-')[0]).toBe(lang);
    }
  });

  it('lists the on-demand pages for search in every language', () => {
    const urls = onDemandSitemapUrls('https://walkaway.example');
    expect(urls).toContain('https://walkaway.example/pledge');
    expect(urls).toContain('https://walkaway.example/es/pledge');
    expect(urls).toContain('https://walkaway.example/es/get-help');
    expect(urls).toContain('https://walkaway.example/es/speak-out');
    expect(urls.some((url) => /thanks|unsubscribe|embed/.test(url))).toBe(false);
  });
});

describe('the address a page sees', () => {
  it('drops what the build writes to disk, so canonical and alternate links match what visitors use', () => {
    expect(['/stories.html', '/index.html', '/es.html', '/es/stories/why.html', '/pledge'].map(pageAddress)).toEqual([
      '/stories',
      '/',
      '/es',
      '/es/stories/why',
      '/pledge',
    ]);
  });

  it('marks a section current on its own pages only', () => {
    expect(isUnder('/es/stories/why', '/es/stories')).toBe(true);
    expect(isUnder('/es/stories', '/es/stories')).toBe(true);
    expect(isUnder('/es/storiesque', '/es/stories')).toBe(false);
    expect(isUnder('/stories/why', '/es/stories')).toBe(false);
  });
});

describe('translated entries', () => {
  const entry = (id: string) => ({ id });

  it('take their language and slug from the folder they are in', () => {
    expect(entryLanguage('why')).toEqual({ lang: 'en', slug: 'why' });
    expect(entryLanguage('es/why')).toEqual({ lang: 'es', slug: 'why' });
    expect(entryLanguage('images/why')).toEqual({ lang: 'en', slug: 'images/why' });
  });

  it('show each entry once: translated where a translation exists, otherwise as written, never hidden', () => {
    const entries = [entry('why'), entry('es/why'), entry('only-english'), entry('es/solo-en-espanol')];
    const shown = (lang: 'en' | 'es') => inLanguage(entries, lang).map(({ slug, lang: own, entry: { id } }) => [slug, own, id]);
    expect(shown('es')).toEqual([
      ['why', 'es', 'es/why'],
      ['only-english', 'en', 'only-english'],
      ['solo-en-espanol', 'es', 'es/solo-en-espanol'],
    ]);
    expect(shown('en')).toEqual([
      ['why', 'en', 'why'],
      ['only-english', 'en', 'only-english'],
      ['solo-en-espanol', 'es', 'es/solo-en-espanol'],
    ]);
  });
});

describe('the consent a person gave', () => {
  it('is stored with the language its wording was read in, and gives that language back', () => {
    expect(consentWording('2026-11-29', 'es')).toBe('2026-11-29/es');
    expect(consentLanguage('2026-11-29/es')).toBe('es');
    // Consents stored before the site had languages were given in English.
    expect(consentLanguage('2026-11-29')).toBe('en');
  });

  it('has its own wording in every language', () => {
    const wordings = LOCALES.map((lang) => dictionary(lang).pledge.consent);
    expect(new Set(wordings).size).toBe(LOCALES.length);
  });
});

describe('the dictionaries', () => {
  /** Every path to a word, with arrays by position, so that a language cannot drop a paragraph or a step. */
  const shapeOf = (value: unknown, path = ''): string[] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, inner]) => shapeOf(inner, `${path}.${key}`))
      : [`${path}:${typeof value}`];

  it.each(LOCALES.filter((lang) => lang !== 'en'))('%s has every word English has, in the same shape, and no empty one', (lang) => {
    expect(shapeOf(dictionary(lang))).toEqual(shapeOf(dictionary('en')));
    const words = (value: unknown): unknown[] => (typeof value === 'object' && value !== null ? Object.values(value).flatMap(words) : [value]);
    expect(words(dictionary(lang)).filter((word) => typeof word === 'string' && word.trim() === '')).toEqual([]);
  });

  it('refuse a language missing one of English\'s words when the code is type-checked (`astro check`, npm test\'s first step)', () => {
    const { site, ...rest } = es;
    const { skipLink: _dropped, ...siteWithoutSkipLink } = site;
    // The type checker must refuse this; were it ever to accept it, this directive itself fails `astro check`.
    // @ts-expect-error Property 'skipLink' is missing in type … but required in type Dictionary['site'].
    const incomplete: Dictionary = { ...rest, site: siteWithoutSkipLink };
    expect(shapeOf(incomplete)).not.toEqual(shapeOf(dictionary('en')));
  });
});
