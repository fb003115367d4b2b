// Field rules the site's forms share (the pledge and /speak-out): each returns the code of what is wrong, worded in
// the reader's language by the dictionaries, or undefined.

export const LIMITS = { email: 254, firstName: 50 } as const;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Control characters, bidirectional overrides and invisible spacers: they can disguise what a name says.
const CONTROL_OR_BIDI = /[\p{Cc}\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u;
const LOOKS_LIKE_URL = /(:\/\/|www\.|\b[a-z0-9-]+\.(com|net|org|io|co|ly|me|info|xyz|ru|link|app|site)\b)/i;
// A spreadsheet runs a cell that starts with one of these.
const FORMULA_START = /^[=+\-@]/;

/** A field's value as text: what a form sends, or a JSON string or number; anything else is empty. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Form checkboxes send "on" (or a chosen value); JSON sends a boolean. Anything else is "no". */
export function ticked(value: unknown): boolean {
  return value === true || value === 'on' || value === 'true' || value === 'yes' || value === '1';
}

export const isUuid = (value: string) => UUID.test(value);

export type EmailProblem = 'emailMissing' | 'emailTooLong' | 'emailFormat';

export function checkEmail(email: string): EmailProblem | undefined {
  if (email === '') return 'emailMissing';
  if (email.length > LIMITS.email) return 'emailTooLong';
  if (!EMAIL_SHAPE.test(email) || CONTROL_OR_BIDI.test(email)) return 'emailFormat';
  return undefined;
}

export type FirstNameProblem = 'firstNameTooLong' | 'firstNameCharacters' | 'firstNameUrl' | 'firstNameFormula';

export function checkFirstName(firstName: string): FirstNameProblem | undefined {
  if (firstName.length > LIMITS.firstName) return 'firstNameTooLong';
  if (CONTROL_OR_BIDI.test(firstName)) return 'firstNameCharacters';
  if (LOOKS_LIKE_URL.test(firstName)) return 'firstNameUrl';
  if (FORMULA_START.test(firstName)) return 'firstNameFormula';
  return undefined;
}
