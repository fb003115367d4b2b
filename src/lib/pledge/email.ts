/** How the email is written for sending (subscribers only): trimmed, NFC, lowercase. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The identity used to recognise a repeated pledge: the normalised email with `+tags` dropped,
 * and for Gmail, whose addresses ignore dots, without dots (googlemail.com is the same mailbox as gmail.com).
 */
export function emailIdentity(email: string): string {
  const normalised = normaliseEmail(email);
  const at = normalised.lastIndexOf('@');
  let local = normalised.slice(0, at);
  let domain = normalised.slice(at + 1);
  local = local.split('+')[0] || local;
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}
