// The device's own share sheet where there is one, and copying the link where the clipboard allows;
// the plain links beside them work without any script. Its words come from the page (`data-words`), in its language.
const section = document.querySelector<HTMLElement>('[data-share]');

if (section) {
  // Each way of sharing carries its own ?ref= code, so the organisers can tell them apart.
  const { shareNativeUrl: nativeUrl, shareCopyUrl: url } = section.dataset as { shareNativeUrl: string; shareCopyUrl: string };
  const text = section.dataset.shareText!;
  const words = JSON.parse(section.dataset.words!) as { copied: string; blocked: string };
  const status = section.querySelector<HTMLElement>('[data-share-status]')!;
  const native = section.querySelector<HTMLButtonElement>('[data-share-native]')!;
  const copy = section.querySelector<HTMLButtonElement>('[data-share-copy]')!;

  if (typeof navigator.share === 'function') {
    native.hidden = false;
    native.addEventListener('click', () => {
      navigator.share({ url: nativeUrl, text }).catch(() => undefined);
    });
  }
  if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
    copy.hidden = false;
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        status.textContent = words.copied;
      } catch {
        status.textContent = words.blocked.replace('{url}', url);
      }
    });
  }
}
