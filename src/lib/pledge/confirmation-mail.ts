import { dictionary } from '../../i18n/dictionary.ts';
import { type Locale, localizePath } from '../../i18n/locales.ts';
import { escapeHtml } from '../escape-html.ts';

/** The confirmation email, as Cloudflare's `send_email` binding takes it (from and to are added by the sender). */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

export interface ConfirmationMailInput {
  locale: Locale;
  /** The site's origin (`https://walkaway.example`), where the pledge was made. */
  origin: string;
  /** The confirm link's token; none when the pledge is confirmed already (the email then says it is counted). */
  confirmToken: string | undefined;
  /** Whether the pledge asked for campaign emails: confirming agrees to them, so the email says so. */
  updates?: boolean;
  withdrawToken: string;
  /** EMAIL_SUBJECT, when the deployment words the subject itself; else the dictionary's, in the pledge's language. */
  subject?: string | undefined;
}


/** The confirm and withdraw links of a pledge, in its language. */
export function pledgeLinks({ locale, origin, confirmToken, withdrawToken }: Omit<ConfirmationMailInput, 'subject'>) {
  const link = (path: string, token: string) => `${origin}${localizePath(path, locale)}?token=${encodeURIComponent(token)}`;
  return { confirm: confirmToken && link('/pledge/confirm', confirmToken), withdraw: link('/pledge/withdraw', withdrawToken) };
}

/**
 * The email that asks a person to confirm their pledge, plain text and HTML, in the pledge's language. Inboxes may be
 * watched: the subject and the words name no crime and no one; nothing the form carried (a first name anyone could
 * have typed) is repeated to the inbox's owner; no image, no tracking, one confirm link and one "this wasn't me" link.
 * An address that has confirmed already gets the same email without the confirm link, saying it is counted: an inbox
 * that got nothing would tell whoever watches it that the address had confirmed.
 */
export function composeConfirmationMail(input: ConfirmationMailInput): ComposedMail {
  const words = dictionary(input.locale).mail;
  const links = pledgeLinks(input);
  const site = new URL(input.origin).host;
  const confirmText = links.confirm
    ? [`${words.confirmLead}\n${links.confirm}`, ...(input.updates ? [words.updates] : []), words.ignore]
    : [words.alreadyCounted];
  const text = [words.intro(site), ...confirmText, `${words.notMeLead}\n${links.withdraw}`, words.signOff].join('\n\n');
  const paragraph = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
  const confirmHtml = links.confirm
    ? [
        paragraph(escapeHtml(words.confirmLead)),
        paragraph(
          `<a href="${escapeHtml(links.confirm)}" style="display:inline-block;background:#111;color:#fff;padding:12px 20px;font-weight:bold;text-decoration:none">${escapeHtml(words.confirm)}</a>`,
        ),
        ...(input.updates ? [paragraph(escapeHtml(words.updates))] : []),
        paragraph(escapeHtml(words.ignore)),
      ]
    : [paragraph(escapeHtml(words.alreadyCounted))];
  const html = [
    `<!doctype html><html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(input.subject ?? words.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#111;max-width:36em;margin:0 auto;padding:16px">',
    paragraph(escapeHtml(words.intro(site))),
    ...confirmHtml,
    paragraph(`${escapeHtml(words.notMeLead)} <a href="${escapeHtml(links.withdraw)}" style="color:#111">${escapeHtml(words.notMe)}</a>`),
    paragraph(escapeHtml(words.signOff).replace('\n', '<br>')),
    '</body></html>',
  ].join('\n');
  return { subject: input.subject ?? words.subject, text, html };
}
