// The campaign's milestones as the organisers' command line reads them: the same file and parser as the build.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentPath, contentRoot } from '../../src/lib/content/content-root.ts';
import { parseMilestones } from '../../src/lib/tally/milestone-file.ts';
import { UsageError } from './organiser-settings.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The milestones' values, in order; a file the build would refuse stops the command the same way. */
export function milestoneValues(): number[] {
  try {
    return parseMilestones(readFileSync(contentPath(root, 'campaign', 'milestones.yaml'), 'utf8'), `${contentRoot()}/campaign/milestones.yaml`).map(({ value }) => value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
