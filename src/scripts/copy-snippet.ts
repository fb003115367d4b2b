// The "Copy the code" buttons on /partners: each copies its snippet and says so in its status line. A browser that
// refuses the clipboard gets the snippet selected, to copy by hand.
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy!) as HTMLTextAreaElement | null;
  const status = button.parentElement?.querySelector<HTMLElement>('[data-copied]');
  if (!field || !status) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = status.dataset.copied ?? '';
    } catch {
      field.focus();
      field.select();
    }
  });
}
