import { type Locale, localeOr } from '../../i18n/locales.ts';
import { checkEmail, checkFirstName, type EmailProblem, type FirstNameProblem, isUuid, text, ticked } from '../forms/field-rules.ts';
import type { FormErrors, Validation } from '../forms/handle-form-post.ts';
import { type CountryCode, isCountryCode } from '../countries.ts';
import { sourceCode } from './share-source.ts';

/** The form field (and JSON property) that carries a share or partner code. */
export const SOURCE_FIELD = 'ref';
export type PledgeField = 'email' | 'firstName' | 'country' | 'updates' | 'idempotencyKey';
/** What is wrong with a field: a key of the dictionary's `pledge.errors`, worded in the reader's language there. */
export type PledgeErrorCode = EmailProblem | FirstNameProblem | 'country' | 'idempotencyKey' | 'humanCheck';

export type PledgeErrors = FormErrors<PledgeField, PledgeErrorCode>;
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

/** A fresh form: nothing typed, a new idempotency key, and the share or partner code it came with ('' for none). */
export const newPledgeValues = (locale: Locale, ref: string): PledgeFormValues => ({
  email: '',
  firstName: '',
  country: '',
  updates: false,
  idempotencyKey: crypto.randomUUID(),
  ref,
  locale,
});

/** Validates a pledge from the HTML form or JSON. Never throws: every problem becomes a field message. */
export function validatePledge(input: unknown): Validation<PledgeFormValues, Pledge, PledgeErrors> {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const values: PledgeFormValues = {
    email: text(raw.email).trim(),
    firstName: text(raw.firstName).trim(),
    country: text(raw.country).trim().toUpperCase(),
    updates: ticked(raw.updates),
    idempotencyKey: text(raw.idempotencyKey).trim(),
    ref: sourceCode(raw[SOURCE_FIELD]) ?? '',
    locale: localeOr(raw[LOCALE_FIELD]),
  };

  const errors: PledgeErrors = {};
  const emailError = checkEmail(values.email);
  if (emailError) errors.email = emailError;
  const firstNameError = checkFirstName(values.firstName);
  if (firstNameError) errors.firstName = firstNameError;
  if (values.country !== '' && !isCountryCode(values.country)) errors.country = 'country';
  if (!isUuid(values.idempotencyKey)) errors.idempotencyKey = 'idempotencyKey';

  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    valid: {
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
