// `npm run walkaway -- <command>`: the organisers' tools, run from a laptop against the production database.
// Talks to TURSO_DATABASE_URL / TURSO_AUTH_TOKEN (default: the local server of `npm run db:serve`), and reads
// PLEDGE_HMAC_SECRET, SUBMISSION_KEY and SITE_URL from the environment or .dev.vars.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_LOCALE, localizePath } from '../src/i18n/locales.ts';
import { contentPath } from '../src/lib/content/content-root.ts';
import { openDatabase } from '../src/lib/db/client.ts';
import { describeError } from '../src/lib/db/errors.ts';
import { exportSubscribers } from '../src/lib/organisers/export-subscribers.ts';
import { forgetPerson } from '../src/lib/organisers/forget-person.ts';
import { NO_SOURCE, pledgeStats } from '../src/lib/organisers/pledge-stats.ts';
import { emailHmacOf } from '../src/lib/pledge/prepare-pledge.ts';
import { SealError, type SealingKeys, sealingKeys, submissionKeyProblem } from '../src/lib/security/seal.ts';
import { deleteStory, listStories, markStory, openStory } from '../src/lib/story/story-admin.ts';
import { describeCorrections, recountTally } from '../src/lib/tally/recount-tally.ts';
import { createUnsubscribeToken } from '../src/lib/updates/unsubscribe-token.ts';
import { configuredValue } from './lib/dev-vars.ts';
import { DEV_HMAC_SECRET, DEV_SUBMISSION_KEY } from './lib/local-database.ts';
import { LOCAL_DATABASE_URL } from './lib/migrate.ts';
import { ANONYMOUS_AUTHOR, ensurePlaceholderHero, isoDay, PLACEHOLDER_HERO, storyDraftSource } from './lib/new-entry.ts';

/** A mistake the organiser can fix: said in one line, exit code 1. */
class UsageError extends Error {}

const databaseUrl = configuredValue('TURSO_DATABASE_URL') ?? LOCAL_DATABASE_URL;
const isLocal = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(databaseUrl);
const db = () => openDatabase({ url: databaseUrl, authToken: configuredValue('TURSO_AUTH_TOKEN') });

/** The key of the email hashes: required for a real database; the local one uses `npm run dev`'s fixed key. */
function hmacSecret(): string {
  const secret = configuredValue('PLEDGE_HMAC_SECRET') ?? (isLocal ? DEV_HMAC_SECRET : undefined);
  if (!secret) throw new UsageError('PLEDGE_HMAC_SECRET is not set: put the production value in the environment or .dev.vars');
  return secret;
}

/** The key that seals readers' stories: required for a real database; the local one uses `npm run dev`'s fixed key. */
function submissionKeys(): Promise<SealingKeys> {
  const secret = configuredValue('SUBMISSION_KEY') ?? (isLocal ? DEV_SUBMISSION_KEY : undefined);
  const problem = submissionKeyProblem(secret);
  if (problem) throw new UsageError(secret ? problem : `${problem}: put the production value in the environment or .dev.vars`);
  return sealingKeys(secret);
}

function siteUrl(): URL {
  const value = configuredValue('SITE_URL');
  if (!value && !isLocal) throw new UsageError('SITE_URL is not set: the unsubscribe links need the public address (https://…)');
  return new URL(value ?? 'http://localhost:4321');
}

const number = (value: number) => value.toLocaleString('en-GB');

function positiveDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3_660) throw new InvalidArgumentError('give a whole number of days from 1 to 3660.');
  return days;
}

const program = new Command()
  .name('npm run walkaway --')
  .description(`The organisers' tools. Database: ${databaseUrl}`)
  .showSuggestionAfterError()
  .configureOutput({ outputError: (message, write) => write(message.split('\n')[0]!.replace(/^error: /, 'walkaway: ') + '\n') });

program
  .command('export-subscribers')
  .description('write everyone who asked for campaign emails (and has not withdrawn) to a CSV file')
  .requiredOption('--out <file.csv>', 'the file to write')
  .option('--force', 'replace the file if it exists')
  .action(async ({ out, force }: { out: string; force?: boolean }) => {
    const [secret, site] = [hmacSecret(), siteUrl()];
    if (existsSync(out) && !force) throw new UsageError(`${out} exists: choose another file, or add --force to replace it`);
    // Written to a side file and renamed at the end, so a failed export never leaves half a list behind.
    const partial = `${out}.partial`;
    const file = createWriteStream(partial);
    const showProgress = process.stderr.isTTY;
    try {
      const rows = await exportSubscribers({
        db: db(),
        write: async (chunk) => {
          if (!file.write(chunk)) await once(file, 'drain');
        },
        unsubscribeUrl: async (pledgeId, lang) => {
          const page = localizePath('/updates/unsubscribe', lang);
          return new URL(`${page}?token=${await createUnsubscribeToken(pledgeId, secret)}`, site).href;
        },
        onProgress: (done) => {
          if (showProgress && done % 10_000 === 0) process.stderr.write(`\r${number(done)} subscribers written…`);
        },
      });
      file.end();
      await once(file, 'finish');
      renameSync(partial, out);
      if (showProgress) process.stderr.write('\r');
      console.log(`Wrote ${number(rows)} subscriber${rows === 1 ? '' : 's'} to ${out}.`);
    } catch (error) {
      file.destroy();
      rmSync(partial, { force: true });
      throw error;
    }
  });

program
  .command('forget')
  .description("delete a person's pledge and subscription, found by their email in any spelling, as erasure requests ask")
  .argument('<email>', 'the email address the request came from')
  .option('--dry-run', 'only say what would be deleted')
  .action(async (email: string, { dryRun = false }: { dryRun?: boolean }) => {
    if (!email.includes('@')) throw new UsageError(`"${email}" is not an email address`);
    const found = await forgetPerson(db(), await emailHmacOf(email, hmacSecret()), { dryRun });
    if (!found) {
      console.log(`Nothing matched ${email}: no pledge was made with that address.`);
      return;
    }
    const what = `the pledge of ${found.pledgedAt.toISOString().slice(0, 10)}${found.country ? ` (${found.country})` : ''}${found.hadEmail ? ' and the email address kept for campaign updates' : ''}`;
    console.log(dryRun ? `Would delete ${what}. Nothing was changed (--dry-run).` : `Deleted ${what}. The tally went down by one.`);
  });

program
  .command('stats')
  .description('the total, pledges per day, countries, share sources and the share who asked for updates')
  .option('--days <n>', 'how many days of pledges per day to show', positiveDays, 14)
  .option('--json', 'print one JSON object instead of tables')
  .action(async ({ days, json }: { days: number; json?: boolean }) => {
    const stats = await pledgeStats(db(), { days, now: new Date() });
    if (json) {
      console.log(JSON.stringify(stats, null, 2));
      return;
    }
    const list = (entries: Array<[string, number]>) => entries.map(([name, value]) => `  ${name.padEnd(24)} ${number(value).padStart(10)}`).join('\n');
    console.log(`Walkaways: ${number(stats.total)}`);
    console.log(`Asked for updates: ${number(stats.updates.subscribers)} (${(stats.updates.share * 100).toFixed(1)}%)`);
    console.log(`\nPledges per day (UTC), last ${days} days:\n${list(stats.perDay.map(({ day, pledges }) => [day, pledges]))}`);
    console.log(`\nTop countries:\n${list(Object.entries(stats.byCountry).slice(0, 10)) || '  none yet'}`);
    console.log(`\nShare sources (?ref=; ${NO_SOURCE} for none):\n${list(Object.entries(stats.bySource)) || '  none yet'}`);
  });

program
  .command('recount')
  .description('count the pledges again and repair the tally, as the scheduled job does every 15 minutes')
  .action(async () => {
    const corrections = await recountTally(db(), () => new Date());
    console.log(
      corrections.length === 0
        ? 'The tally matches the pledges: nothing to correct.'
        : `Corrected ${describeCorrections(corrections, number)}.`,
    );
  });

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

const opened = async (id: number) => found(await openStory(db(), await submissionKeys(), id), id);

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const root = fileURLToPath(new URL('..', import.meta.url));

const submissions = program.command('submissions').description("stories readers sent through /speak-out: list, show, draft, decline, delete");

submissions
  .command('list')
  .description('every submission, oldest first: id, date, connection, country, length and status, never the text')
  .action(async () => {
    const rows = await listStories(db(), await submissionKeys());
    if (rows.length === 0) {
      console.log('No stories have been sent yet.');
      return;
    }
    const line = (cells: Array<string | number>) => cells.map((cell, i) => String(cell).padEnd([5, 21, 17, 8, 7, 8][i]!)).join(' ').trimEnd();
    console.log(line(['ID', 'SENT', 'CONNECTION', 'COUNTRY', 'LENGTH', 'STATUS']));
    for (const row of rows) console.log(line([row.id, when(row.createdAt), row.relationship, row.country ?? '-', number(row.length), row.status]));
  });

/** A `submissions` command that acts on one submission, named by the number `submissions list` shows. */
function onOneSubmission(name: string, description: string, act: (id: number) => Promise<void>) {
  submissions.command(name).description(description).argument('<id>', 'the number `submissions list` shows', submissionId).action(act);
}

onOneSubmission('show', 'one submission, unsealed, in this terminal only', async (id) => {
  const submission = await opened(id);
  const credit = submission.creditName ? `${submission.credit}: ${submission.creditName}` : submission.credit;
  console.log(`Submission ${id} (${submission.status}), sent ${when(submission.createdAt)}, language ${submission.lang}
Connection:      ${submission.relationship}
Country:         ${submission.country ?? 'not given'}
Credit:          ${credit}
Content warning: ${submission.contentWarning ?? 'none given'}
Email:           ${submission.email ?? 'none: the writer cannot be reached'}
Consent:         to publication, wording ${submission.consentVersion}

Story (${number(submission.length)} characters):

${submission.story}

This is someone's own story. Keep it in this terminal: do not paste it into email, chat or documents.`);
});

onOneSubmission('draft', 'write the story to content/stories/ as a draft story for an editor to finish, and mark it drafted', async (id) => {
  const submission = await opened(id);
  // A story sent in Spanish is a Spanish story: it goes where Spanish stories go (content/stories/es/).
  const folder = submission.lang === DEFAULT_LOCALE ? [] : [submission.lang];
  const file = contentPath(root, 'stories', ...folder, `reader-story-${id}.mdx`);
  const shown = relative(root, file);
  if (existsSync(file)) throw new UsageError(`${shown} already exists, and nothing was changed: edit that file, or delete it first`);
  ensurePlaceholderHero(root, contentPath(root, 'stories', 'images'));
  mkdirSync(dirname(file), { recursive: true });
  const source = storyDraftSource({
    story: submission.story,
    author: submission.creditName ?? ANONYMOUS_AUTHOR[submission.lang],
    contentWarning: submission.contentWarning,
    day: isoDay(new Date()),
    heroSrc: `${folder.length ? '../' : './'}images/${PLACEHOLDER_HERO}`,
  });
  writeFileSync(file, source, { flag: 'wx' });
  await markStory(db(), id, 'drafted');
  console.log(`Wrote ${shown}, a draft, and marked submission ${id} as drafted.
Before publishing: give it a title, a summary and an image; make sure nothing in it identifies anyone; keep to what the
writer agreed (shortened or edited, credited as "${submission.creditName ?? ANONYMOUS_AUTHOR[submission.lang]}"). Then delete the line \`draft: true\`.
What they sent stays sealed in the database until \`npm run walkaway -- submissions delete ${id}\`.`);
});

onOneSubmission('decline', 'mark a submission declined: the scheduled clean-up deletes it once it is older than STORY_RETENTION_DAYS', async (id) => {
  found(await markStory(db(), id, 'declined'), id);
  console.log(`Submission ${id} is declined. The scheduled clean-up deletes it once it is older than STORY_RETENTION_DAYS; \`submissions delete ${id}\` deletes it now.`);
});

onOneSubmission('delete', 'erase a submission at once, for good', async (id) => {
  found(await deleteStory(db(), id), id);
  console.log(`Deleted submission ${id} for good.`);
});

try {
  await program.parseAsync();
} catch (error) {
  const reason =
    error instanceof UsageError
      ? error.message
      : error instanceof SealError
        ? `${error.message}: is SUBMISSION_KEY the key the site uses?`
        : `cannot complete the command against ${databaseUrl}: ${describeError(error)}`;
  console.error(`walkaway: ${reason}`);
  process.exit(1);
}
