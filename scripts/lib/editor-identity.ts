// The editors' identities (age secret keys) for the command line, and the development identity of local runs.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { identityToRecipient } from 'age-encryption';
import { newEditorKey, parseIdentities } from '../../src/lib/story/seal-story.ts';
import { configuredValue } from './dev-vars.ts';
import { UsageError } from './organiser-settings.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where local runs keep their development identity: beside the local database, never committed. */
export const LOCAL_IDENTITY_FILE = join(root, '.data', 'editor-identity.txt');

/** An identity file as `age-keygen` writes one: the time, the public key, then the secret key. */
export function identityFile(identity: string, recipient: string, now = new Date()): string {
  return `# created: ${now.toISOString()}\n# public key: ${recipient}\n${identity}\n`;
}

/** Writes a new identity to `file`, readable by its owner only, and returns its public key. Never overwrites. */
export async function writeNewIdentity(file: string): Promise<string> {
  const { identity, recipient } = await newEditorKey();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, identityFile(identity, recipient), { flag: 'wx', mode: 0o600 });
  chmodSync(file, 0o600);
  return recipient;
}

/** The development identity of local runs, made the first time it is needed, and its public key. */
export async function localEditorIdentity(): Promise<{ identities: string[]; recipient: string }> {
  if (!existsSync(LOCAL_IDENTITY_FILE)) await writeNewIdentity(LOCAL_IDENTITY_FILE);
  const identities = parseIdentities(readFileSync(LOCAL_IDENTITY_FILE, 'utf8'));
  return { identities, recipient: await identityToRecipient(identities[0]!) };
}

/**
 * The editor's identities from WALKAWAY_EDITOR_IDENTITY (the key itself) or WALKAWAY_EDITOR_IDENTITY_FILE (a file
 * `new-editor-key` or `age-keygen` wrote), from the environment or .dev.vars; undefined when neither is set.
 */
export function configuredIdentities(): string[] | undefined {
  const value = configuredValue('WALKAWAY_EDITOR_IDENTITY');
  if (value) return parseIdentities(value);
  const file = configuredValue('WALKAWAY_EDITOR_IDENTITY_FILE');
  if (!file) return undefined;
  if (!existsSync(file)) throw new UsageError(`WALKAWAY_EDITOR_IDENTITY_FILE names ${file}, which does not exist`);
  return parseIdentities(readFileSync(file, 'utf8'));
}
