// `npm run walkaway -- submissions …` and `new-editor-key`: the editors' side of the stories readers send through
// /speak-out. Stories are sealed to the editors' public keys (STORY_RECIPIENTS); an editor opens them with an identity
// of their own, given as WALKAWAY_EDITOR_IDENTITY or WALKAWAY_EDITOR_IDENTITY_FILE, never kept in the repository.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_LOCALE, LOCALES } from '../../src/i18n/locales.ts';
import { contentPath } from '../../src/lib/content/content-root.ts';
import { sealingKeys, submissionKeyProblem } from '../../src/lib/story/legacy-seal.ts';
import { parseRecipients } from '../../src/lib/story/seal-story.ts';
import { deleteStory, type EditorKeys, listStories, markStory, openStory, resealStories } from '../../src/lib/story/story-admin.ts';
import { configuredValue } from './dev-vars.ts';
import { configuredIdentities, localEditorIdentity, writeNewIdentity } from './editor-identity.ts';
import { inboxPath } from './inbox.ts';
import { RETIRED_DEV_SUBMISSION_KEY } from './local-database.ts';
import { ANONYMOUS_AUTHOR, isoDay, slugFromTitle, storyDraftSource } from './new-entry.ts';
import { db, isLocal, number, UsageError } from './organiser-settings.ts';
import { visibleControls } from './terminal-text.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What opens the stories: the editor's identity (for the local database, the development one local runs seal to),
 * and, for rows sealed before the editors' keys, the retired SUBMISSION_KEY when it is given.
 */
async function editorKeys(): Promise<EditorKeys> {
  const identities = configuredIdentities() ?? (isLocal ? (await localEditorIdentity()).identities : undefined);
  if (!identities?.length) {
    throw new UsageError('no editor identity: set WALKAWAY_EDITOR_IDENTITY_FILE to your identity file (or WALKAWAY_EDITOR_IDENTITY to the key)');
  }
  const retired = configuredValue('SUBMISSION_KEY') ?? (isLocal ? RETIRED_DEV_SUBMISSION_KEY : undefined);
  const problem = retired && submissionKeyProblem(retired);
  if (problem) throw new UsageError(problem);
  return { identities, legacy: retired ? await sealingKeys(retired) : undefined };
}

/** The editors' public keys to seal to: STORY_RECIPIENTS, or for the local database the development editor's. */
async function recipients(): Promise<string[]> {
  const configured = configuredValue('STORY_RECIPIENTS');
  if (!configured && isLocal) return [(await localEditorIdentity()).recipient];
  const parsed = parseRecipients(configured);
  if ('problem' in parsed) throw new UsageError(`${parsed.problem}: give the Worker's value in the environment or .dev.vars`);
  return parsed.recipients;
}

function submissionId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError('give the number `submissions list` shows.');
  return id;
}

/** What a command looked up by id, or one line saying there is no such submission. */
function found<T>(result: T, id: number): Exclude<T, undefined | false> {
  if (result === undefined || result === false) {
    throw new UsageError(`there is no submission ${id}: \`npm run walkaway -- submissions list\` shows them`);
  }
  return result as Exclude<T, undefined | false>;
}

const opened = async (id: number) => found(await openStory(db(), await editorKeys(), id), id);

/** The day a story was sent: stories are dated to the day, never to the minute. */
const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The file name a moved draft takes, which is also its page's address: from the title the editor gave it, or, while
 * it has none, a random one. Never the submission's number, which would tie the published story to its row.
 */
function publishedName(draft: string): string {
  const title = /^title:\s*(.*)$/m.exec(draft)?.[1]?.trim().replace(/^(["'])(.*)\1$/, '$2') ?? '';
  const slug = title.startsWith('[Editors:') ? '' : slugFromTitle(title);
  return slug || `reader-story-${randomBytes(3).toString('hex')}`;
}

/** Where a story's draft goes: the Spanish stories' folder for a story sent in Spanish, and so on. */
const draftFolder = (lang: string) => (lang === DEFAULT_LOCALE ? [] : [lang]);

export function addSubmissionsCommands(program: Command): void {
  program
    .command('new-editor-key')
    .description("make an editor's identity in a file of their own, and print the public key to add to STORY_RECIPIENTS")
    .requiredOption('--out <file>', 'the identity file to write (readable by you alone; keep it off the repository)')
    .action(async ({ out }: { out: string }) => {
      if (existsSync(out)) throw new UsageError(`${out} exists, and nothing was changed: choose another file`);
      if (!relative(root, resolve(out)).startsWith('..')) {
        throw new UsageError(`${out} is inside the project, one \`git add\` away from the repository: write the identity outside it`);
      }
      const recipient = await writeNewIdentity(out);
      console.log(`Wrote ${out}. Its public key, to add to STORY_RECIPIENTS (\`wrangler secret put STORY_RECIPIENTS\`, every editor's key separated by spaces):
${recipient}
Open stories with WALKAWAY_EDITOR_IDENTITY_FILE=${out}. Keep that file safe: whoever has it can read every story sealed to it.`);
    });

  const submissions = program.command('submissions').description('stories readers sent through /speak-out: list, show, draft, move, decline, delete, reseal');

  submissions
    .command('list')
    .description('every submission, oldest first: id, day sent, connection, country, length and status, never the text')
    .action(async () => {
      const rows = await listStories(db(), await editorKeys());
      if (rows.length === 0) {
        console.log('No stories have been sent yet.');
        return;
      }
      const line = (cells: Array<string | number>) => cells.map((cell, i) => String(cell).padEnd([5, 11, 17, 8, 7, 8][i]!)).join(' ').trimEnd();
      console.log(line(['ID', 'SENT', 'CONNECTION', 'COUNTRY', 'LENGTH', 'STATUS']));
      for (const row of rows) {
        console.log(line([row.id, day(row.createdAt), row.relationship, row.country ?? '-', row.length === undefined ? 'sealed' : number(row.length), row.status]));
      }
      if (rows.some((row) => row.length === undefined)) {
        console.log('"sealed": your identity does not open these (sealed to other editors, or with SUBMISSION_KEY before `submissions reseal`).');
      }
    });

  /** A `submissions` command that acts on one submission, named by the number `submissions list` shows. */
  const onOneSubmission = (name: string, description: string, act: (id: number) => Promise<void>) =>
    submissions.command(name).description(description).argument('<id>', 'the number `submissions list` shows', submissionId).action(act);

  onOneSubmission('show', 'one submission, unsealed, in this terminal only', async (id) => {
    const submission = await opened(id);
    const credit = submission.creditName ? `${submission.credit}: ${submission.creditName}` : submission.credit;
    // What the reader wrote is shown with its invisible and direction-changing characters made visible: they could
    // otherwise hide or reorder what an editor reads, or act on the terminal.
    const shown = (text: string | null, none: string) => (text === null ? none : visibleControls(text));
    console.log(`Submission ${id} (${submission.status}), sent ${day(submission.createdAt)}, language ${submission.lang}
Connection:      ${submission.relationship}
Country:         ${submission.country ?? 'not given'}
Credit:          ${visibleControls(credit)}
Content warning: ${shown(submission.contentWarning, 'none given')}
Email:           ${shown(submission.email, 'none: the writer cannot be reached')}
Consent:         to publication, wording ${submission.consentVersion}

Story (${number(submission.length)} characters):

${visibleControls(submission.story)}

This is someone's own story. Keep it in this terminal: do not paste it into email, chat or documents.`);
  });

  onOneSubmission('draft', 'write the story as a draft in inbox/ (git-ignored) for an editor to redact, and mark it drafted', async (id) => {
    const submission = await opened(id);
    const folder = draftFolder(submission.lang);
    const file = inboxPath(root, 'stories', ...folder, `reader-story-${id}.mdx`);
    const shown = relative(root, file);
    if (existsSync(file)) throw new UsageError(`${shown} already exists, and nothing was changed: edit that file, or delete it first`);
    mkdirSync(dirname(file), { recursive: true });
    const source = storyDraftSource({
      story: submission.story,
      author: submission.creditName ?? ANONYMOUS_AUTHOR[submission.lang],
      contentWarning: submission.contentWarning,
      day: isoDay(new Date()),
    });
    // The file first, the mark after: a submission is never marked drafted without its draft.
    writeFileSync(file, source, { flag: 'wx', mode: 0o600 });
    await markStory(db(), id, 'drafted');
    console.log(`Wrote ${shown}, a draft in the inbox (never committed), and marked submission ${id} as drafted.
Redact it there: give it a title and a summary, make sure nothing in it identifies anyone, and keep to what
the writer agreed (shortened or edited, credited as "${submission.creditName ?? ANONYMOUS_AUTHOR[submission.lang]}"). Then
\`npm run walkaway -- submissions move ${id}\` moves it into content/stories/, still a draft until \`draft: true\` goes.`);
  });

  onOneSubmission('move', 'move a redacted draft from inbox/ into content/stories/, named after its title, where editors publish it', async (id) => {
    // Found by its name in the inbox, in whichever language's folder it was drafted: moving opens no story.
    const name = `reader-story-${id}.mdx`;
    const folder = LOCALES.map(draftFolder).find((each) => existsSync(inboxPath(root, 'stories', ...each, name)));
    if (!folder) throw new UsageError(`there is no draft ${name} in ${relative(root, inboxPath(root, 'stories'))}: \`submissions draft ${id}\` writes it`);
    const from = inboxPath(root, 'stories', ...folder, name);
    const to = contentPath(root, 'stories', ...folder, `${publishedName(readFileSync(from, 'utf8'))}.mdx`);
    if (existsSync(to)) throw new UsageError(`${relative(root, to)} already exists, and nothing was changed: give the draft another title`);
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
    console.log(`Moved the draft to ${relative(root, to)}. It is still a draft: delete the line \`draft: true\` to publish it.`);
  });

  onOneSubmission('decline', 'mark a submission declined: the scheduled clean-up deletes it once it is older than STORY_RETENTION_DAYS', async (id) => {
    found(await markStory(db(), id, 'declined'), id);
    console.log(`Submission ${id} is declined. The scheduled clean-up deletes it once it is older than STORY_RETENTION_DAYS; \`submissions delete ${id}\` deletes it now.`);
  });

  onOneSubmission('delete', 'erase a submission at once, for good', async (id) => {
    found(await deleteStory(db(), id), id);
    console.log(`Deleted submission ${id} for good.`);
  });

  submissions
    .command('reseal')
    .description("seal every submission again to STORY_RECIPIENTS, after an editor joins or leaves, or to retire SUBMISSION_KEY")
    .action(async () => {
      const { resealed, legacy } = await resealStories(db(), await editorKeys(), await recipients());
      console.log(
        `Sealed ${number(resealed)} submission${resealed === 1 ? '' : 's'} again to the editors' keys in STORY_RECIPIENTS` +
          (legacy > 0 ? `, ${number(legacy)} of them from SUBMISSION_KEY: it can be retired once every copy of the database is resealed.` : '.'),
      );
    });
}
