// Inside a partner's frame: tells the partner's page how tall the form is whenever that changes (errors shown, the
// thanks in place of the form), so that embed.js can fit the frame to it, and when the reader uses the quick exit, so
// that embed.js leaves the partner's whole page. Only the partner's own origins are told: a message for any other
// origin is dropped by the browser, so another page framing this one learns nothing.
import { EXIT_MESSAGE, HEIGHT_MESSAGE } from '../lib/partners/frame-messages.ts';

const root = document.querySelector<HTMLElement>('[data-embed-frame]');

if (root && window.parent !== window) {
  const origins = JSON.parse(root.dataset.origins ?? '[]') as string[];
  const tell = (message: { type: string; height?: number }) => {
    for (const origin of origins) window.parent.postMessage(message, origin);
  };
  let told = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === told) return;
    told = height;
    tell({ type: HEIGHT_MESSAGE, height });
  }).observe(root);
  // The quick exit (src/scripts/quick-exit.ts) shows its blank overlay and leaves the frame; embed.js then replaces
  // the partner's whole page, since a frame may not move the window before the reader has clicked in it (three
  // presses of Shift are not a click). Only the quick exit shows the overlay: nothing else sends the message.
  const overlay = document.querySelector<HTMLElement>('[data-quick-exit-overlay]');
  if (overlay) {
    new MutationObserver(() => {
      if (!overlay.hidden) tell({ type: EXIT_MESSAGE });
    }).observe(overlay, { attributeFilter: ['hidden'] });
  }
  // A click lets the frame move the window itself, which also serves a partner that framed the form without embed.js.
  document.querySelector<HTMLAnchorElement>('[data-quick-exit-link]')?.addEventListener(
    'click',
    (event) => {
      try {
        window.top!.location.replace((event.currentTarget as HTMLAnchorElement).href);
      } catch {
        // Refused: embed.js, told when the overlay shows, replaces the partner's page instead.
      }
    },
    { capture: true },
  );
}
