// Sends the pledge with fetch when JavaScript runs; the form works fully without it. The idempotency key in the
// form never changes, so a retry after a failure cannot count anyone twice; what the person typed is never cleared.
import { formatCount } from '../lib/client/format';
import { errorSummaryItems, fieldAria, PLEDGE_ERROR_TARGETS } from '../lib/forms/form-fields';

/** Field messages as the endpoint words them, in the language the form named. */
type ErrorMessages = Record<string, string>;
/** The page's own words for what this script says (PledgeForm.astro); `{total}` stands for the count. */
interface Words {
  counted: string;
  queued: string;
  unavailable: string;
  offline: string;
}

/** A Turnstile token is good for one use: after a failed attempt the widget must issue a new one. */
function resetTurnstile(): void {
  (window as { turnstile?: { reset(): void } }).turnstile?.reset();
}

const root = document.querySelector<HTMLElement>('[data-pledge]');
const form = root?.querySelector<HTMLFormElement>('form[data-pledge-form]');

if (root && form) {
  const words = JSON.parse(root.dataset.words!) as Words;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const summary = form.querySelector<HTMLElement>('[data-error-summary]')!;
  const success = root.querySelector<HTMLElement>('[data-pledge-success]')!;
  let sending = false;

  const showErrors = (errors: ErrorMessages, problem?: string) => {
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
    const items = errorSummaryItems(errors, problem, PLEDGE_ERROR_TARGETS);
    const list = summary.querySelector('[data-error-list]')!;
    const template = summary.querySelector<HTMLTemplateElement>('[data-error-item]')!;
    list.replaceChildren(
      ...items.map(({ message, target }) => {
        const item = template.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
        Object.assign(item.querySelector('a')!, { href: `#${target}`, textContent: message });
        return item;
      }),
    );
    summary.hidden = items.length === 0;
    if (items.length > 0) summary.focus();
  };

  const showSuccess = ({ total, queued }: { total: number; queued?: boolean }) => {
    showErrors({});
    form.hidden = true;
    success.hidden = false;
    const count = formatCount(total, document.documentElement.lang);
    success.querySelector('[data-pledge-status]')!.textContent = (queued ? words.queued : words.counted).replace('{total}', count);
    success.querySelector<HTMLElement>('h2')!.focus();
    // A queued pledge is not in the count yet: the tally will show it after a later refresh.
    if (!queued) document.dispatchEvent(new CustomEvent('walkaway:pledged', { detail: { total } }));
  };

  // Following a link in the error summary moves focus into the field, as GOV.UK's pattern does.
  summary.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="#"]');
    const target = link && document.getElementById(link.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'center' });
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const fields = Object.fromEntries(new FormData(form));
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...fields, updates: form.querySelector<HTMLInputElement>('#updates')!.checked }),
      });
      if (response.ok) {
        showSuccess((await response.json()) as { total: number; queued?: boolean });
        return;
      }
      // The server's own words for 400, 429 and 503; a fallback for anything a proxy might answer instead.
      const body = (await response.json().catch(() => ({}))) as { errors?: ErrorMessages; error?: string };
      showErrors(body.errors ?? {}, body.errors ? undefined : (body.error ?? words.unavailable));
      resetTurnstile();
    } catch {
      showErrors({}, words.offline);
      resetTurnstile();
    } finally {
      sending = false;
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
}
