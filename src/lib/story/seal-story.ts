// What a reader writes through /speak-out is sealed with age (age-encryption, the TypeScript implementation of
// age-encryption.org/v1) to the public keys of the campaign's editors. The Worker holds only those public keys
// (STORY_RECIPIENTS): it can seal a story but never open one. Each editor opens with an identity of their own, kept
// off the repository, from the command line or with the `age` tool. Adding or removing an editor changes
// STORY_RECIPIENTS: new stories are sealed to the new list at once, and `submissions reseal` seals the old ones again.
import { armor, Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';

/** Everything the writer wrote, sealed together in one envelope. */
export interface StoryContent {
  story: string;
  /** The initials or first name to credit; null for an anonymous story. */
  creditName: string | null;
  contentWarning: string | null;
  /** Only when the writer wants an editor to be able to reach them. */
  email: string | null;
}

/** What the envelope holds: the content, the id of the row it belongs to, and padding. */
interface Envelope extends StoryContent {
  v: 1;
  row: string;
  pad?: string;
}

/** Envelopes are padded to a multiple of this many bytes: a sealed story's size tells roughly how long it is, not exactly. */
const PADDED_TO = 1024;

/** A sealed story that does not open: another editor's, another row's, or changed since. */
export class UnsealError extends Error {
  override name = 'UnsealError';
}

const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/**
 * The editors' public keys from STORY_RECIPIENTS (`age1…`, separated by spaces, commas or new lines), or the problem
 * with them in one line. Only X25519 recipients are taken, the kind the `age` tool makes and opens.
 */
export function parseRecipients(value: string | undefined): { recipients: string[] } | { problem: string } {
  const recipients = (value ?? '').split(/[\s,]+/).filter(Boolean);
  if (recipients.length === 0) return { problem: 'STORY_RECIPIENTS is not set: it lists the editors\' public keys (age1…)' };
  const malformed = recipients.filter((recipient) => !RECIPIENT.test(recipient));
  if (malformed.length > 0) return { problem: `STORY_RECIPIENTS holds ${malformed.length} value(s) that are not age public keys (age1…)` };
  return { recipients };
}

/** Seals a story to every recipient, for the row `row`: ASCII-armoured, as the `age` tool reads it. */
export async function sealStoryContent(content: StoryContent, { recipients, row }: { recipients: readonly string[]; row: string }): Promise<string> {
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  const unpadded = JSON.stringify({ v: 1, row, ...content, pad: '' } satisfies Envelope);
  const length = new TextEncoder().encode(unpadded).length;
  const envelope: Envelope = { v: 1, row, ...content, pad: ' '.repeat(Math.ceil(length / PADDED_TO) * PADDED_TO - length) };
  return armor.encode(await encrypter.encrypt(JSON.stringify(envelope)));
}

/** The identities (`AGE-SECRET-KEY-1…`) in an identity file or variable; comments and blank lines are passed over. */
export function parseIdentities(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('AGE-SECRET-KEY-1'));
}

/** Opens a sealed story with any of `identities`; it must belong to the row `row`. */
export async function openStoryContent(sealed: string, { identities, row }: { identities: readonly string[]; row: string | null }): Promise<StoryContent> {
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  let envelope: Envelope;
  try {
    envelope = JSON.parse(await decrypter.decrypt(armor.decode(sealed), 'text')) as Envelope;
  } catch {
    throw new UnsealError('the story does not open with this identity: it was sealed to other editors, or changed since');
  }
  if (envelope.row !== row) throw new UnsealError('the sealed story belongs to another row: it was moved');
  const { story, creditName, contentWarning, email } = envelope;
  return { story, creditName, contentWarning, email };
}

/** A new editor's identity, and the public key (recipient) to add to STORY_RECIPIENTS for it. */
export async function newEditorKey(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}
