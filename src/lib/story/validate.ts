import { type Locale, localeOr } from '../../i18n/locales.ts';
import { checkEmail, checkFirstName, type EmailProblem, type FirstNameProblem, isUuid, text, ticked } from '../forms/field-rules.ts';
import type { FormErrors, Validation } from '../forms/handle-form-post.ts';
import { type CountryCode, isCountryCode } from '../countries.ts';

export const RELATIONSHIPS = ['survivor', 'friend-or-family', 'advocate', 'bystander', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const CREDITS = ['anonymous', 'initials', 'first-name'] as const;
export type Credit = (typeof CREDITS)[number];

export const STORY_LIMITS = { story: 10_000, contentWarning: 200, initials: 10 } as const;

export type StoryField =
  | 'story'
  | 'credit'
  | 'creditName'
  | 'relationship'
  | 'country'
  | 'contentWarning'
  | 'consent'
  | 'email'
  | 'idempotencyKey';

/** What is wrong with a field: a key of the dictionary's `speakOut.errors`, worded in the reader's language there. */
export type StoryErrorCode =
  | 'storyMissing'
  | 'storyTooLong'
  | 'storyCharacters'
  | 'credit'
  | 'initialsMissing'
  | 'initialsFormat'
  | 'firstNameMissing'
  | FirstNameProblem
  | 'relationship'
  | 'country'
  | 'contentWarningTooLong'
  | 'contentWarningCharacters'
  | 'consentMissing'
  | Exclude<EmailProblem, 'emailMissing'>
  | 'idempotencyKey'
  | 'humanCheck';

export type StoryErrors = FormErrors<StoryField, StoryErrorCode>;

/** A story ready to seal and store. */
export interface Story {
  story: string;
  credit: Credit;
  /** The initials or first name to credit; null for an anonymous story. */
  creditName: string | null;
  relationship: Relationship;
  country: CountryCode | null;
  contentWarning: string | null;
  /** Only when the writer wants an editor to be able to reach them. */
  email: string | null;
  idempotencyKey: string;
  /** The language the form was in, and the consent wording read. */
  locale: Locale;
}

/** What the person typed, as text, to show the form again exactly as they left it. */
export interface StoryFormValues {
  story: string;
  credit: string;
  creditName: string;
  relationship: string;
  country: string;
  contentWarning: string;
  consent: boolean;
  email: string;
  idempotencyKey: string;
  locale: Locale;
}

// Control characters other than line breaks and tabs: nothing a person types, and they can hide what a text says.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const INITIALS = /^\p{L}[\p{L}.\s'-]*$/u;

const oneOf = <T extends string>(options: readonly T[], value: string): value is T => (options as readonly string[]).includes(value);

/** Line breaks as one character, whatever the browser sent, and letters in one Unicode form. */
const tidy = (value: unknown) => text(value).replace(/\r\n?/g, '\n').normalize('NFC').trim();

function checkStory(story: string): StoryErrorCode | undefined {
  if (story === '') return 'storyMissing';
  if (story.length > STORY_LIMITS.story) return 'storyTooLong';
  if (CONTROL.test(story)) return 'storyCharacters';
  return undefined;
}

function checkCreditName(credit: Credit, name: string): StoryErrorCode | undefined {
  if (credit === 'initials') {
    if (name === '') return 'initialsMissing';
    if (name.length > STORY_LIMITS.initials || !INITIALS.test(name)) return 'initialsFormat';
  }
  if (credit === 'first-name') return name === '' ? 'firstNameMissing' : checkFirstName(name);
  return undefined;
}

function checkContentWarning(warning: string): StoryErrorCode | undefined {
  if (warning.length > STORY_LIMITS.contentWarning) return 'contentWarningTooLong';
  if (CONTROL.test(warning)) return 'contentWarningCharacters';
  return undefined;
}

/** Validates a story from the HTML form or JSON. Never throws: every problem becomes a field's code. */
export function validateStory(input: unknown): Validation<StoryFormValues, Story, StoryErrors> {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const values: StoryFormValues = {
    story: tidy(raw.story),
    credit: text(raw.credit).trim(),
    creditName: tidy(raw.creditName),
    relationship: text(raw.relationship).trim(),
    country: text(raw.country).trim().toUpperCase(),
    contentWarning: tidy(raw.contentWarning),
    consent: ticked(raw.consent),
    email: text(raw.email).trim(),
    idempotencyKey: text(raw.idempotencyKey).trim(),
    locale: localeOr(raw.locale),
  };

  const errors: StoryErrors = {};
  const add = (field: StoryField, problem: StoryErrorCode | undefined) => {
    if (problem) errors[field] = problem;
  };
  add('story', checkStory(values.story));
  if (!oneOf(CREDITS, values.credit)) add('credit', 'credit');
  else add('creditName', checkCreditName(values.credit, values.creditName));
  if (!oneOf(RELATIONSHIPS, values.relationship)) add('relationship', 'relationship');
  if (values.country !== '' && !isCountryCode(values.country)) add('country', 'country');
  add('contentWarning', checkContentWarning(values.contentWarning));
  // In the form's order, so that the error summary lists them as the form shows them.
  // An empty email is simply none: the only problems left are length and format.
  if (values.email !== '') add('email', checkEmail(values.email) as Exclude<EmailProblem, 'emailMissing'> | undefined);
  if (!values.consent) add('consent', 'consentMissing');
  if (!isUuid(values.idempotencyKey)) add('idempotencyKey', 'idempotencyKey');

  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  const credit = values.credit as Credit;
  return {
    ok: true,
    values,
    valid: {
      story: values.story,
      credit,
      creditName: credit === 'anonymous' ? null : values.creditName,
      relationship: values.relationship as Relationship,
      country: values.country === '' ? null : (values.country as CountryCode),
      contentWarning: values.contentWarning === '' ? null : values.contentWarning,
      email: values.email === '' ? null : values.email,
      idempotencyKey: values.idempotencyKey.toLowerCase(),
      locale: values.locale,
    },
  };
}
