import type { ErrorTargets } from './site-forms.ts';

/** The error summary's entries: each field's message (in the reader's words), then a problem that is no field's. */
export function errorSummaryItems(
  errors: Partial<Record<string, string>>,
  problem: string | undefined,
  targets: ErrorTargets,
): Array<{ message: string; target: string }> {
  const items = Object.entries(errors).flatMap(([field, message]) => (message ? [{ message, target: targets[field] ?? field }] : []));
  return problem ? [...items, { message: problem, target: targets.problem }] : items;
}

/**
 * A control's ARIA state: described by its hint, then by its error message when there is one, and invalid while
 * it has one. The server renders it and the form script applies it again after each answer.
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
