import { openPlatformDatabase } from '../db/database-work.ts';
import type { Platform } from '../platform.ts';
import {
  deleteExpiredPendingPledges,
  deleteOldMailRecords,
  deleteOldStories,
  removeOldFirstNames,
  retentionCutoff,
  UNTAKEN_STORIES,
} from '../privacy/retention.ts';
import { PENDING_PLEDGE_DAYS, SMALL_COUNTRY_THRESHOLD } from '../../config.ts';
import { publishCountryCounts } from '../tally/read-tally.ts';
import { recordMilestones } from '../tally/milestones.ts';
import { recountTally, summariseCorrections } from '../tally/recount-tally.ts';

/**
 * The scheduled job (every 15 minutes, wrangler.jsonc `triggers`): repairs any drift between the tally rows and the
 * confirmed pledges, publishes the counts by country, deletes pending pledges nobody confirmed within
 * PENDING_PLEDGE_DAYS, removes first names and deletes untaken stories past their retention periods. Each part is logged; one
 * failing does not stop the next, and the job fails (so the platform reports it) when any part did.
 */
export function maintenanceService(platform: Platform) {
  const { PLEDGE_RETENTION_DAYS: pledgeDays, STORY_RETENTION_DAYS: storyDays, DRAFTED_STORY_RETENTION_DAYS: draftedDays } = platform.settings;

  return {
    /** The retention periods the job applies, as /privacy, /speak-out and its thanks page state them. */
    retentionDays: () => ({ pledge: pledgeDays, story: storyDays, draftedStory: draftedDays, pendingPledge: PENDING_PLEDGE_DAYS }),

    async run(): Promise<void> {
      const { log } = platform;
      const now = platform.clock.now();
      const tasks = [
        async () => {
          const db = openPlatformDatabase(platform);
          const corrections = await recountTally(db, () => platform.clock.now());
          // A recount that moves the total across a milestone records it; one already recorded keeps its time.
          await recordMilestones(db, platform.milestones, platform.clock.now());
          log.info(corrections.length === 0 ? 'recount: the tally matches the pledges' : `recount corrected ${summariseCorrections(corrections)}`);
        },
        // After the recount, so that what is published is what was counted.
        async () => {
          const countries = await publishCountryCounts(openPlatformDatabase(platform), SMALL_COUNTRY_THRESHOLD);
          log.info(`published the counts of ${countries} countries`);
        },
        async () => {
          const deleted = await deleteExpiredPendingPledges(openPlatformDatabase(platform), retentionCutoff(now, PENDING_PLEDGE_DAYS));
          if (deleted > 0) log.info(`retention: deleted ${deleted} pledges nobody confirmed within ${PENDING_PLEDGE_DAYS} days`);
        },
        async () => {
          const deleted = await deleteOldMailRecords(openPlatformDatabase(platform), now, retentionCutoff(now, PENDING_PLEDGE_DAYS));
          if (deleted > 0) log.info(`retention: deleted ${deleted} dead letters older than ${PENDING_PLEDGE_DAYS} days`);
        },
        async () => {
          const removed = await removeOldFirstNames(openPlatformDatabase(platform), retentionCutoff(now, pledgeDays));
          if (removed > 0) log.info(`retention: removed the first names of ${removed} pledges older than ${pledgeDays} days`);
        },
        async () => {
          const deleted = await deleteOldStories(openPlatformDatabase(platform), UNTAKEN_STORIES, retentionCutoff(now, storyDays));
          if (deleted > 0) log.info(`retention: deleted ${deleted} stories no editor took up, older than ${storyDays} days`);
        },
        async () => {
          const deleted = await deleteOldStories(openPlatformDatabase(platform), ['drafted'], retentionCutoff(now, draftedDays));
          if (deleted > 0) log.info(`retention: deleted ${deleted} drafted stories from the database, older than ${draftedDays} days`);
        },
      ];
      // One after another: each writes, and the recount holds the write lock while it counts.
      const failed: unknown[] = [];
      for (const task of tasks) {
        await task().catch((error: unknown) => {
          log.error('scheduled maintenance failed', error);
          failed.push(error);
        });
      }
      if (failed.length > 0) throw failed[0];
    },
  };
}
