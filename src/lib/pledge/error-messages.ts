import type { FieldErrors, PledgeErrorCode } from './validate';

/** Each field's problem in the reader's words: `messages` is a dictionary's `pledge.errors`. */
export function errorMessages(
  errors: FieldErrors,
  messages: Record<PledgeErrorCode, string>,
): Partial<Record<keyof FieldErrors, string>> {
  return Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, messages[code]]));
}
