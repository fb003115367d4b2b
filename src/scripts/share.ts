// The device's own share sheet where there is one, and copying the link where the clipboard allows;
// the plain links beside them work without any script.
const section = document.querySelector<HTMLElement>('[data-share]');

if (section) {
  const url = section.dataset.shareUrl!;
  const text = section.dataset.shareText!;
  const status = section.querySelector<HTMLElement>('[data-share-status]')!;
  const native = section.querySelector<HTMLButtonElement>('[data-share-native]')!;
  const copy = section.querySelector<HTMLButtonElement>('[data-share-copy]')!;

  if (typeof navigator.share === 'function') {
    native.hidden = false;
    native.addEventListener('click', () => {
      navigator.share({ url, text }).catch(() => undefined);
    });
  }
  if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
    copy.hidden = false;
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        status.textContent = 'Link copied.';
      } catch {
        status.textContent = `Copying was blocked. The link is ${url}`;
      }
    });
  }
}
