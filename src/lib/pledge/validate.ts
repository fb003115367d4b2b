import { type Locale, localeOr } from '../../i18n/locales';
import { type CountryCode, isCountryCode } from './countries';
import { sourceCode } from './share-source';

export const PLEDGE_FIELDS = ['email', 'firstName', 'country', 'updates', 'idempotencyKey'] as const;
/** The form field (and JSON property) that carries a share or partner code. */
export const SOURCE_FIELD = 'ref';
export type PledgeField = (typeof PLEDGE_FIELDS)[number];
/** What is wrong with a field: a key of the dictionary's `pledge.errors`, worded in the reader's language there. */
export type PledgeErrorCode =
  | 'emailMissing'
  | 'emailTooLong'
  | 'emailFormat'
  | 'firstNameTooLong'
  | 'firstNameCharacters'
  | 'firstNameUrl'
  | 'firstNameFormula'
  | 'country'
  | 'idempotencyKey'
  | 'humanCheck';

/** The problem per field at fault; `turnstile` is the check that the sender is a person. */
export type FieldErrors = Partial<Record<PledgeField | 'turnstile', PledgeErrorCode>>;
/** The form field (and JSON property) naming the language the person reads: answers come back in it. */
export const LOCALE_FIELD = 'locale';

export interface Pledge {
  email: string;
  firstName: string | null;
  country: CountryCode | null;
  updates: boolean;
  idempotencyKey: string;
  /** The share or partner code the person came through, if any (see share-source.ts). */
  source: string | null;
  /** The language the person pledged in (for the consent wording they saw). */
  locale: Locale;
}

/** What the person typed, as text, to show the form again exactly as they left it. */
export interface PledgeFormValues {
  email: string;
  firstName: string;
  country: string;
  updates: boolean;
  idempotencyKey: string;
  /** A well-formed share code, or '' (a malformed one is dropped, never shown back). */
  ref: string;
  /** The form's language; the default one when absent or unknown. */
  locale: Locale;
}

export type PledgeValidation =
  | { ok: true; pledge: Pledge; values: PledgeFormValues }
  | { ok: false; errors: FieldErrors; values: PledgeFormValues };

export const LIMITS = { email: 254, firstName: 50 } as const;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Control characters, bidirectional overrides and invisible spacers: they can disguise what a name says.
const CONTROL_OR_BIDI = /[\p{Cc}\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u;
const LOOKS_LIKE_URL = /(:\/\/|www\.|\b[a-z0-9-]+\.(com|net|org|io|co|ly|me|info|xyz|ru|link|app|site)\b)/i;
const FORMULA_START = /^[=+\-@]/;

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Form checkboxes send "on" (or a chosen value); JSON sends a boolean. Anything else is "no". */
function consent(value: unknown): boolean {
  return value === true || value === 'on' || value === 'true' || value === 'yes' || value === '1';
}

function checkEmail(email: string): PledgeErrorCode | undefined {
  if (email === '') return 'emailMissing';
  if (email.length > LIMITS.email) return 'emailTooLong';
  if (!EMAIL_SHAPE.test(email) || CONTROL_OR_BIDI.test(email)) return 'emailFormat';
  return undefined;
}

function checkFirstName(firstName: string): PledgeErrorCode | undefined {
  if (firstName.length > LIMITS.firstName) return 'firstNameTooLong';
  if (CONTROL_OR_BIDI.test(firstName)) return 'firstNameCharacters';
  if (LOOKS_LIKE_URL.test(firstName)) return 'firstNameUrl';
  if (FORMULA_START.test(firstName)) return 'firstNameFormula';
  return undefined;
}

/** Validates a pledge from the HTML form or JSON. Never throws: every problem becomes a field message. */
export function validatePledge(input: unknown): PledgeValidation {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const values: PledgeFormValues = {
    email: text(raw.email).trim(),
    firstName: text(raw.firstName).trim(),
    country: text(raw.country).trim().toUpperCase(),
    updates: consent(raw.updates),
    idempotencyKey: text(raw.idempotencyKey).trim(),
    ref: sourceCode(raw[SOURCE_FIELD]) ?? '',
    locale: localeOr(raw[LOCALE_FIELD]),
  };

  const errors: FieldErrors = {};
  const emailError = checkEmail(values.email);
  if (emailError) errors.email = emailError;
  const firstNameError = checkFirstName(values.firstName);
  if (firstNameError) errors.firstName = firstNameError;
  if (values.country !== '' && !isCountryCode(values.country)) errors.country = 'country';
  if (!UUID.test(values.idempotencyKey)) errors.idempotencyKey = 'idempotencyKey';

  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    pledge: {
      email: values.email,
      firstName: values.firstName === '' ? null : values.firstName.normalize('NFC'),
      country: values.country === '' ? null : (values.country as CountryCode),
      updates: values.updates,
      idempotencyKey: values.idempotencyKey.toLowerCase(),
      source: values.ref === '' ? null : values.ref,
      locale: values.locale,
    },
  };
}
