import { type Locale, localeOr } from '../../i18n/locales.ts';

/**
 * What is stored as the wording a person agreed to (to campaign emails, to publishing their story): its version and
 * the language they read it in (`2026-11-29/es`), which is also the language to write to them in.
 */
export const consentWording = (version: string, locale: Locale) => `${version}/${locale}`;

/** The language of a stored consent wording; the default for wordings stored before languages existed. */
export const consentLanguage = (consentVersion: string): Locale => localeOr(consentVersion.split('/')[1]);
