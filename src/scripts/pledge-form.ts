// Sends the pledge with fetch when JavaScript runs; the form works fully without it. The idempotency key in the
// form never changes, so a retry after a failure cannot count anyone twice; what the person typed is never cleared.
import type { PledgeAnswer } from '../lib/pledge/pledge-service.ts';
import { type ErrorMessages, showErrors } from './error-summary.ts';

/** The page's own words for what this script says (PledgeForm.astro). */
interface Words {
  counted: string;
  queued: string;
  checkEmailTitle: string;
  checkEmail: string;
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
  const success = root.querySelector<HTMLElement>('[data-pledge-success]')!;
  let sending = false;

  const showSuccess = (answer: PledgeAnswer) => {
    showErrors(form, {});
    form.hidden = true;
    success.hidden = false;
    const heading = success.querySelector<HTMLElement>('h2')!;
    const status = success.querySelector('[data-pledge-status]')!;
    if ('status' in answer) {
      // Nothing counts until the person confirms from their inbox: no count to refresh, no "what next" yet.
      heading.textContent = words.checkEmailTitle;
      status.textContent = words.checkEmail;
      const next = success.querySelector<HTMLElement>('[data-pledge-next]');
      if (next) next.hidden = true;
      heading.focus();
      return;
    }
    status.textContent = answer.queued ? words.queued : words.counted;
    heading.focus();
    // The page's live tally asks for the count at once; a queued pledge joins it at a later refresh.
    document.dispatchEvent(new CustomEvent('walkaway:pledged'));
  };

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
        showSuccess((await response.json()) as PledgeAnswer);
        return;
      }
      // The server's own words for 400, 429 and 503; a fallback for anything a proxy might answer instead.
      const body = (await response.json().catch(() => ({}))) as { errors?: ErrorMessages; error?: string };
      showErrors(form, body.errors ?? {}, body.errors ? undefined : (body.error ?? words.unavailable));
      resetTurnstile();
    } catch {
      showErrors(form, {}, words.offline);
      resetTurnstile();
    } finally {
      sending = false;
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
}
