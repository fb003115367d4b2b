// The campaign's milestones as the organisers' command line reads them: the same file and parser as the build.
import { fileURLToPath } from 'node:url';
import { readMilestonesFile } from '../../src/integrations/milestones.ts';
import { asUsageError } from './organiser-settings.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The milestones' values, in order; a file the build would refuse stops the command the same way. */
export const milestoneValues = (): number[] => asUsageError(() => readMilestonesFile(root).map(({ value }) => value));
