/** Where each message in the error summary links to: the field's control, or the submit button. */
export const ERROR_TARGETS: Record<string, string> = {
  email: 'email',
  firstName: 'firstName',
  country: 'country',
  updates: 'updates',
  idempotencyKey: 'pledge-submit',
  turnstile: 'pledge-submit',
  problem: 'pledge-submit',
};

/** The error summary's entries: each field's message (in the reader's words), then a problem that is no field's. */
export function errorSummaryItems(
  errors: Partial<Record<string, string>>,
  problem?: string,
): Array<{ message: string; target: string }> {
  const items = Object.entries(errors).flatMap(([field, message]) =>
    message ? [{ message, target: ERROR_TARGETS[field] ?? field }] : [],
  );
  return problem ? [...items, { message: problem, target: ERROR_TARGETS.problem! }] : items;
}

/**
 * A control's ARIA state: described by its hint, then by its error message when there is one, and invalid while
 * it has one. The server renders it and the pledge script applies it again after each answer.
 */
export function fieldAria(
  field: string,
  { hint, error }: { hint: boolean; error: boolean },
): { 'aria-describedby': string | undefined; 'aria-invalid': 'true' | undefined } {
  return {
    'aria-describedby': [hint && `${field}-hint`, error && `${field}-error`].filter(Boolean).join(' ') || undefined,
    'aria-invalid': error ? 'true' : undefined,
  };
}
