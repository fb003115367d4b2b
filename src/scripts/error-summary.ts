// GOV.UK's error summary behaviour, for every form on the site: the summary takes focus when it shows (on a page the
// server rendered with errors, or when a form script fills it), and following one of its links moves focus into the
// field itself, scrolled into view with its label, rather than only jumping to it.
import { errorSummaryItems, fieldAria } from '../lib/forms/error-summary.ts';
import { SITE_FORMS, type SiteForm } from '../lib/forms/site-forms.ts';

/** Field messages as the server words them, in the form's language, by field name. */
export type ErrorMessages = Partial<Record<string, string>>;

function focusTarget(event: MouseEvent): void {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="#"]');
  const target = link && document.getElementById(link.hash.slice(1));
  if (!target) return;
  event.preventDefault();
  target.focus({ preventScroll: true });
  (target.closest('[data-field], fieldset') ?? target).scrollIntoView({ block: 'start' });
}

/**
 * Shows what the server said is wrong, as the server itself would have rendered it: each field's message and ARIA
 * state, and the summary (problems no field owns last), which then takes focus. Empty errors hide everything.
 */
export function showErrors(form: HTMLFormElement, errors: ErrorMessages, problem?: string): void {
  for (const message of form.querySelectorAll<HTMLElement>('[data-field-error]')) {
    const field = message.dataset.fieldError!;
    const text = errors[field];
    message.hidden = !text;
    message.querySelector('[data-message]')!.textContent = text ?? '';
    const control = form.querySelector<HTMLElement>(`#${field}`);
    if (!control) continue;
    const aria = fieldAria(field, { hint: form.querySelector(`#${field}-hint`) !== null, error: Boolean(text) });
    for (const [name, value] of Object.entries(aria)) {
      if (value) control.setAttribute(name, value);
      else control.removeAttribute(name);
    }
  }
  const summary = form.querySelector<HTMLElement>('[data-error-summary]')!;
  const items = errorSummaryItems(errors, problem, SITE_FORMS[summary.dataset.errorSummary as SiteForm].errorTargets);
  const template = summary.querySelector<HTMLTemplateElement>('[data-error-item]')!;
  summary.querySelector('[data-error-list]')!.replaceChildren(
    ...items.map(({ message, target }) => {
      const item = template.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
      Object.assign(item.querySelector('a')!, { href: `#${target}`, textContent: message });
      return item;
    }),
  );
  summary.hidden = items.length === 0;
  if (items.length > 0) summary.focus();
}

for (const summary of document.querySelectorAll<HTMLElement>('[data-error-summary]')) {
  summary.addEventListener('click', focusTarget);
  if (!summary.hidden) summary.focus();
}
