// `npm run walkaway -- <command>`: the organisers' tools, run from a laptop against the production database.
// Talks to TURSO_DATABASE_URL / TURSO_AUTH_TOKEN (default: the local server of `npm run db:serve`), and reads
// PLEDGE_HMAC_SECRET, SITE_URL, STORY_RECIPIENTS and the editor's identity from the environment or .dev.vars.
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { Command, InvalidArgumentError } from 'commander';
import { localizePath } from '../src/i18n/locales.ts';
import { describeError } from '../src/lib/db/errors.ts';
import { exportSubscribers } from '../src/lib/organisers/export-subscribers.ts';
import { createPledgeToken } from '../src/lib/pledge/pledge-token.ts';
import { forgetPerson } from '../src/lib/organisers/forget-person.ts';
import { NO_SOURCE, partnerStats, pledgeStats } from '../src/lib/organisers/pledge-stats.ts';
import { SMALL_COUNTRY_THRESHOLD } from '../src/config.ts';
import { emailHmacOf } from '../src/lib/pledge/prepare-pledge.ts';
import { SealError } from '../src/lib/story/legacy-seal.ts';
import { UnsealError } from '../src/lib/story/seal-story.ts';
import { recordMilestones } from '../src/lib/tally/milestones.ts';
import { describeCorrections, recountTally } from '../src/lib/tally/recount-tally.ts';
import { milestoneValues } from './lib/milestones-file.ts';
import { createUnsubscribeToken } from '../src/lib/updates/unsubscribe-token.ts';
import { databaseUrl, db, hmacSecret, minute, number, siteUrl, UsageError } from './lib/organiser-settings.ts';
import { addOfflineCommands } from './lib/offline-commands.ts';
import { partnerNames, readPartners } from './lib/partner-files.ts';
import { addSubmissionsCommands } from './lib/submissions-commands.ts';
import { visibleControls } from './lib/terminal-text.ts';

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
    // Written to a side file, readable by its owner alone, and renamed at the end, so a failed or interrupted export
    // never leaves half a list of email addresses behind.
    const partial = `${out}.partial`;
    // Made afresh, so that its mode is ours: a leftover from a crash may have been readable by others.
    rmSync(partial, { force: true });
    const file = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    const showProgress = process.stderr.isTTY;
    const interrupted = () => {
      file.destroy();
      rmSync(partial, { force: true });
      console.error(`walkaway: interrupted: ${partial} removed, ${out} not written`);
      process.exit(130);
    };
    process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
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
        withdrawUrl: async (pledgeId, lang) => {
          const token = await createPledgeToken(secret, 'withdraw', { pledgeId, issuedAt: Date.now() });
          return new URL(`${localizePath('/pledge/withdraw', lang)}?token=${token}`, site).href;
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
    } finally {
      process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
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

const list = (entries: Array<[string, number]>) => {
  const width = Math.max(24, ...entries.map(([name]) => name.length + 1));
  return entries.map(([name, value]) => `  ${name.padEnd(width)} ${number(value).padStart(10)}`).join("\n");
};

/** `stats --partner <code>`: one partner's own numbers, to send it. */
async function showPartnerStats(code: string, { days, json }: { days: number; json?: boolean | undefined }) {
  const partner = readPartners().get(code);
  if (!partner) throw new UsageError(`"${code}" is not a partner: give the name of a file in content/partners`);
  const stats = await partnerStats(db(), { partner: { code, name: partner.name }, days, now: new Date(), threshold: SMALL_COUNTRY_THRESHOLD });
  if (json) {
    console.log(JSON.stringify(stats, null, 2));
    return;
  }
  console.log(`${partner.name} (${code})`);
  console.log(`Walkaways: ${number(stats.total)} (${number(stats.online)} online, ${number(stats.offline)} on paper)`);
  console.log(`\nPer day (UTC), last ${days} days, online + on paper:\n${list(stats.perDay.map(({ day, online, offline }) => [day, online + offline]))}`);
  const countries = Object.entries(stats.byCountry);
  console.log(`\nCountries with ${SMALL_COUNTRY_THRESHOLD} or more online pledges:\n${list(countries) || '  none yet'}`);
}

program
  .command('stats')
  .description('the total, pledges per day, countries, partners, share codes and the share who asked for updates')
  .option('--days <n>', 'how many days of pledges per day to show', positiveDays, 14)
  .option('--partner <code>', "only this partner's own numbers (total, per day, countries), to send it")
  .option('--json', 'print one JSON object instead of tables')
  .action(async ({ days, json, partner }: { days: number; json?: boolean; partner?: string }) => {
    if (partner !== undefined) return showPartnerStats(partner, { days, json });
    const stats = await pledgeStats(db(), { days, now: new Date(), partners: partnerNames() });
    if (json) {
      console.log(JSON.stringify(stats, null, 2));
      return;
    }
    console.log(`Walkaways: ${number(stats.total)} (${number(stats.online)} online, ${number(stats.offline)} on paper)`);
    console.log(`Asked for updates: ${number(stats.updates.subscribers)} (${(stats.updates.share * 100).toFixed(1)}%)`);
    const { pending, confirmed, withdrawn, confirmationRate } = stats.verification;
    console.log(`Pledges: ${number(confirmed)} confirmed, ${number(pending)} pending, ${number(withdrawn)} withdrawn`);
    console.log(`Confirmation rate: ${(confirmationRate * 100).toFixed(1)}% of the pledges whose email went out`);
    const dead = Object.entries(stats.mail.deadLetters);
    console.log(`Confirmation emails waiting to be sent: ${number(stats.mail.backlog)}`);
    console.log(`Dead letters: ${dead.length === 0 ? 'none' : dead.map(([queue, messages]) => `${queue} ${number(messages)}`).join(', ')}`);
    const { day, lastRecount, ...today } = stats.integrity;
    console.log(`Today (${day}, UTC): ${Object.entries(today).map(([kind, count]) => `${kind} ${number(count)}`).join(', ')}`);
    console.log(`Last recount: ${lastRecount ? `${minute(lastRecount.at)} UTC, repaired ${lastRecount.repaired}` : 'not yet run'}`);
    console.log(`\nPledges per day (UTC), last ${days} days:\n${list(stats.perDay.map(({ day, pledges }) => [day, pledges]))}`);
    console.log(`\nTop countries:\n${list(Object.entries(stats.byCountry).slice(0, 10)) || '  none yet'}`);
    const partners = Object.entries(stats.partners).map(([code, { name, total }]): [string, number] => [`${name} (${code})`, total]);
    console.log(`\nPartners (online and on paper):\n${list(partners) || '  none yet: add content/partners/<code>.yaml'}`);
    console.log(`\nOther share codes (?ref=; ${NO_SOURCE} for none):\n${list(Object.entries(stats.freeCodes)) || '  none yet'}`);
  });

program
  .command('recount')
  .description('count the pledges again and repair the tally, as the scheduled job does every 15 minutes')
  .action(async () => {
    const database = db();
    const corrections = await recountTally(database, () => new Date());
    await recordMilestones(database, milestoneValues(), new Date());
    console.log(
      corrections.length === 0
        ? 'The tally matches the pledges: nothing to correct.'
        : `Corrected ${describeCorrections(corrections, number)}.`,
    );
  });

addOfflineCommands(program);
addSubmissionsCommands(program);

try {
  await program.parseAsync();
} catch (error) {
  const reason =
    error instanceof UsageError
      ? error.message
      : error instanceof UnsealError
        ? `${error.message}: is your identity one of the editors' in STORY_RECIPIENTS?`
        : error instanceof SealError
          ? `${error.message}: is SUBMISSION_KEY the key the site used?`
          : `cannot complete the command against ${databaseUrl}: ${describeError(error)}`;
  // A reason may quote a content file or a database's error: nothing in it may move the organiser's cursor.
  console.error(`walkaway: ${visibleControls(reason)}`);
  process.exit(1);
}
