// What Wrangler's local simulation of the EMAIL binding (send_email) "sent": it writes each email's text and HTML to
// files and names them in the worker's log, after the sender, recipient and subject. Nothing leaves the machine.
import { readFileSync } from 'node:fs';
import { vi } from 'vitest';

export interface SentMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Every email the simulation logged so far, oldest first. */
export function sentMail(logFile: string): SentMail[] {
  const log = readFileSync(logFile, 'utf8').replace(ANSI, '');
  const blocks = log.split('send_email binding called with MessageBuilder:').slice(1);
  return blocks.flatMap((block) => {
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(block)?.[1]?.trim();
    const [from, to, subject, textFile, htmlFile] = ['From', 'To', 'Subject', 'Text', 'HTML'].map(field);
    if (!from || !to || !subject || !textFile || !htmlFile) return [];
    return [{ from, to, subject, text: readFileSync(textFile, 'utf8'), html: readFileSync(htmlFile, 'utf8') }];
  });
}

/** The emails sent to `address`, once there are at least `count` of them (the queue delivers within seconds). */
export async function mailTo(logFile: string, address: string, count = 1): Promise<SentMail[]> {
  return vi.waitFor(
    () => {
      const found = sentMail(logFile).filter((mail) => mail.to === address);
      if (found.length < count) throw new Error(`${found.length} of ${count} emails to ${address} so far`);
      return found;
    },
    { timeout: 25_000, interval: 250 },
  );
}

/** The link to `/pledge/<kind>` in an email, as the person would follow it. */
export function linkIn(mail: SentMail, kind: 'confirm' | 'withdraw'): string {
  const link = new RegExp(`https?://\\S+/pledge/${kind}\\?token=\\S+`).exec(mail.text)?.[0];
  if (!link) throw new Error(`no ${kind} link in the email`);
  return link;
}
