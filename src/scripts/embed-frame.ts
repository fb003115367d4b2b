// Inside a partner's frame: tells the partner's page how tall the form is whenever that changes (errors shown, the
// thanks in place of the form), so that embed.js can fit the frame to it, and when the reader uses the quick exit, so
// that embed.js leaves the partner's whole page. Only the partner's own origins are told: a message for any other
// origin is dropped by the browser, so another page framing this one learns nothing.
import { QUICK_EXIT_URL } from '../config.ts';
import { EXIT_MESSAGE, HEIGHT_MESSAGE } from '../lib/partners/frame-messages.ts';

const root = document.querySelector<HTMLElement>('[data-embed-frame]');

if (root && window.parent !== window) {
  const origins = JSON.parse(root.dataset.origins ?? '[]') as string[];
  let told = 0;
  const tell = () => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === told) return;
    told = height;
    for (const origin of origins) window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, origin);
  };
  new ResizeObserver(tell).observe(root);
  // The quick exit: embed.js on the partner's page replaces it, since a frame may not move the window before the
  // reader has clicked in it (three presses of Shift are not a click); the frame tries too, where it may. The frame
  // is emptied either way: the neutral site would refuse to be framed and leave an error page in its place.
  document.addEventListener('walkaway:exit', (event) => {
    event.preventDefault();
    for (const origin of origins) window.parent.postMessage({ type: EXIT_MESSAGE }, origin);
    try {
      window.top!.location.replace(QUICK_EXIT_URL);
    } catch {
      window.location.replace('about:blank');
    }
  });
}
