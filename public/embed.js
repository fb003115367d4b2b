// Walkaway's pledge form on a partner's page. Paste where the form should appear:
//   <div data-walkaway-pledge data-partner="your-code"><a href="https://…/pledge?ref=your-code">Take the pledge</a></div>
//   <script src="https://…/embed.js" async></script>
// It puts the form in a frame served by Walkaway (which only the partner's listed origins may frame), and keeps the
// frame as tall as the form. No cookie, no storage, no request but the frame's; without JavaScript the link stays.
(() => {
  const HEIGHT_MESSAGE = 'walkaway:height';
  const EXIT_MESSAGE = 'walkaway:exit';
  const MAX_FRAME_HEIGHT = 4000;
  const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';
  const script = document.currentScript;
  if (!script || !script.src) return;
  const origin = new URL(script.src).origin;
  const frames = [];

  for (const host of document.querySelectorAll('[data-walkaway-pledge]')) {
    const partner = host.getAttribute('data-partner') || '';
    if (host.querySelector('iframe') || !/^[a-z0-9-]{1,32}$/.test(partner)) continue;
    const src = new URL('/embed/pledge', origin);
    src.searchParams.set('partner', partner);
    const lang = host.getAttribute('data-lang') || document.documentElement.lang;
    if (lang) src.searchParams.set('lang', lang);
    const frame = document.createElement('iframe');
    frame.src = src.href;
    frame.title = host.getAttribute('data-title') || 'Walkaway pledge form';
    frame.referrerPolicy = 'no-referrer';
    frame.style.cssText = 'display:block;width:100%;max-width:40rem;height:640px;border:0';
    frames.push(frame);
    host.replaceChildren(frame);
  }

  // Only our origin, only from one of our frames, only our two messages: anything else is some other script's.
  addEventListener('message', (event) => {
    const data = event.data;
    const frame = frames.find((each) => each.contentWindow === event.source);
    if (event.origin !== origin || !frame || !data) return;
    // The reader used the quick exit in the form: the whole page goes, replaced in the history by the neutral site.
    if (data.type === EXIT_MESSAGE) location.replace(QUICK_EXIT_URL);
    const height = data.height;
    if (data.type === HEIGHT_MESSAGE && Number.isInteger(height) && height > 0 && height <= MAX_FRAME_HEIGHT) frame.style.height = `${height}px`;
  });
})();
