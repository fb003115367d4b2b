// `npm run walkaway -- offline …`: pledges partners collected on paper. Each batch is kept with who added it and when;
// removing one marks it removed (who, when) rather than deleting it, so the record of every change stays.
import { userInfo } from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import {
  addOfflinePledges,
  byProblem,
  listOfflinePledges,
  offlineBatchProblems,
  type OfflineBatchRow,
  printable,
  removeOfflinePledges,
} from '../../src/lib/organisers/offline-pledges.ts';
import { describeError } from '../../src/lib/db/errors.ts';
import { recordMilestones } from '../../src/lib/tally/milestones.ts';
import { milestoneValues } from './milestones-file.ts';
import { db, minute, number, UsageError } from './organiser-settings.ts';
import { readPartners } from './partner-files.ts';
import { visibleControls } from './terminal-text.ts';

/** The operating system's user name: who ran the command, unless `--by` says otherwise. */
function systemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

const BY_OPTION = ['--by <name>', "who is making the change (default: this computer's user name)"] as const;

function batchId(value: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(value)) throw new InvalidArgumentError('give the ID of a batch, as `offline list` shows it.');
  return Number(value);
}

function describe(batch: OfflineBatchRow): string {
  const removed = batch.removedAt ? `  REMOVED ${minute(batch.removedAt)} by ${printable(batch.removedBy ?? '')}` : '';
  const note = batch.note ? `  "${printable(batch.note)}"` : '';
  return `${String(batch.id).padStart(5)}  ${batch.collectedOn}  ${batch.partner.padEnd(24)} ${number(batch.count).padStart(9)}  added ${minute(batch.addedAt)} by ${printable(batch.addedBy)}${note}${removed}`;
}

export function addOfflineCommands(program: Command): void {
  const offline = program.command('offline').description('pledges partners collected on paper: add, list and remove batches');

  offline
    .command('add')
    .description("add a batch of paper pledges to a partner's count and the public total")
    .requiredOption('--partner <code>', 'the partner who collected them: the name of its file in content/partners')
    .requiredOption('--count <n>', 'how many pledges')
    .requiredOption('--date <YYYY-MM-DD>', 'the day they were collected')
    .option('--note <text>', 'where and how, for the organisers (never shown on the site)')
    .option(...BY_OPTION)
    .action(async (options: { partner: string; count: string; date: string; note?: string; by?: string }) => {
      const by = options.by ?? systemUser();
      const now = new Date();
      const problems = offlineBatchProblems({ ...options, by }, { partners: new Set(readPartners().keys()), now });
      if (problems.length > 0) throw new UsageError(`nothing was added: ${problems.join('; ')}`);
      const database = db();
      const milestones = milestoneValues();
      const batch = await addOfflinePledges(
        database,
        { partner: options.partner, count: Number(options.count), collectedOn: options.date, note: options.note ?? null, by },
        now,
      );
      console.log(`Added batch ${batch.id}: ${number(batch.count)} paper pledge${batch.count === 1 ? '' : 's'} for ${batch.partner}, collected ${batch.collectedOn}.`);
      // Paper pledges move the public total too: a milestone they pass is recorded now. The batch is in whatever
      // happens here: a failure must not read as "nothing added", or running the command again counts it twice.
      try {
        await recordMilestones(database, milestones, now);
      } catch (error) {
        console.error(`walkaway: the batch is added, but a milestone it may have passed is not recorded yet (${visibleControls(describeError(error))}): \`recount\` records it.`);
      }
    });

  offline
    .command('list')
    .description('every batch, newest first, removed ones marked')
    .option('--partner <code>', "only this partner's batches")
    .option('--json', 'print JSON instead of a table')
    .action(async ({ partner, json }: { partner?: string; json?: boolean }) => {
      const batches = await listOfflinePledges(db(), { partner });
      if (json) {
        console.log(JSON.stringify(batches, null, 2));
        return;
      }
      if (batches.length === 0) {
        console.log('No paper pledges yet.');
        return;
      }
      console.log(`${'ID'.padStart(5)}  ${'Collected'.padEnd(10)}  ${'Partner'.padEnd(24)} ${'Pledges'.padStart(9)}`);
      for (const batch of batches) console.log(describe(batch));
      const counted = batches.filter((batch) => !batch.removedAt).reduce((sum, batch) => sum + batch.count, 0);
      console.log(`\n${number(counted)} paper pledge${counted === 1 ? '' : 's'} counted.`);
    });

  offline
    .command('remove')
    .description('take a batch out of the count (it stays on the list, marked removed, with who removed it and when)')
    .argument('<id>', 'the batch, as `offline list` shows it', batchId)
    .option(...BY_OPTION)
    .action(async (id: number, { by = systemUser() }: { by?: string }) => {
      const problem = byProblem(by);
      if (problem) throw new UsageError(`nothing was removed: ${problem}`);
      const result = await removeOfflinePledges(db(), id, { by, now: new Date() });
      if (!result) throw new UsageError(`there is no batch ${id}: see \`offline list\``);
      console.log(
        result.alreadyRemoved
          ? `Batch ${id} was already removed (${minute(result.batch.removedAt!)} by ${printable(result.batch.removedBy ?? '')}): nothing changed.`
          : `Removed batch ${id}: ${number(result.batch.count)} paper pledges for ${result.batch.partner} no longer count.`,
      );
    });
}
