// GOV.UK's "Exit this page" pattern: the link works without JavaScript; with it, a click or three presses of Shift
// blank the page at once, clear what was typed, and replace the page in the history with the neutral site. Escape is
// deliberately not used: people press it for many other reasons.
import { createShiftCounter, PRESSES_TO_EXIT, type ShiftWords, shiftStatus } from '../lib/safety/shift-counter.ts';

// The page's words, in its language: the script carries none of its own.
const words = JSON.parse(document.querySelector<HTMLElement>('[data-quick-exit]')?.dataset.words ?? '{}') as ShiftWords & { loading: string };
const link = document.querySelector<HTMLAnchorElement>('[data-quick-exit-link]');
const overlay = document.querySelector<HTMLElement>('[data-quick-exit-overlay]');
const status = document.querySelector<HTMLElement>('[data-quick-exit-status]');

if (link && overlay && status) {
  const counter = createShiftCounter(() => Date.now());
  let clearStatus: ReturnType<typeof setTimeout> | undefined;

  const exit = () => {
    overlay.hidden = false;
    // What was typed (a story, an email) must not come back with Back or from the back/forward cache.
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea, input:not([type="hidden"], [type="checkbox"], [type="radio"])')) {
      field.value = '';
    }
    document.title = words.loading;
    window.location.replace(link.href);
  };

  link.addEventListener('click', (event) => {
    event.preventDefault();
    exit();
  });

  document.addEventListener('keyup', (event) => {
    if (event.key !== 'Shift' || event.ctrlKey || event.altKey || event.metaKey) {
      counter.reset();
      return;
    }
    const count = counter.press();
    status.textContent = shiftStatus(count, words);
    clearTimeout(clearStatus);
    clearStatus = setTimeout(() => (status.textContent = ''), 5_000);
    if (count >= PRESSES_TO_EXIT) exit();
  });

  // Coming back through the back/forward cache must show the page as it was, not the blank screen.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      overlay.hidden = true;
      counter.reset();
      status.textContent = '';
    }
  });
}
