import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { contentPath, contentRoot } from '../lib/content/content-root.ts';
import { type Milestone, parseMilestones } from '../lib/tally/milestone-file.ts';

const MODULE = 'virtual:walkaway/milestones';
const RESOLVED = `\0${MODULE}`;

const milestonesFile = (projectRoot: string) => contentPath(projectRoot, 'campaign', 'milestones.yaml');

/** The project's content/campaign/milestones.yaml (or the fixture content's), checked: an error names the file. */
export const readMilestonesFile = (projectRoot: string): Milestone[] =>
  parseMilestones(readFileSync(milestonesFile(projectRoot), 'utf8'), `${contentRoot()}/campaign/milestones.yaml`);

/**
 * `import milestones from 'virtual:walkaway/milestones'`: content/campaign/milestones.yaml, checked while the site
 * builds (a build with values out of order or not above 0 fails, naming the file), for the Worker (the tally, before
 * Astro's pipeline) and the pages alike. The organisers' command line reads the same file with the same function.
 */
export function milestonesPlugin(projectRoot: string): Plugin {
  return {
    name: 'walkaway:milestones',
    resolveId: (id) => (id === MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(milestonesFile(projectRoot));
      return `export default ${JSON.stringify(readMilestonesFile(projectRoot))};`;
    },
  };
}
