import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { contentPath, contentRoot } from '../lib/content/content-root.ts';
import { parseMilestones } from '../lib/tally/milestone-file.ts';

const MODULE = 'virtual:walkaway/milestones';
const RESOLVED = `\0${MODULE}`;

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
      const file = contentPath(projectRoot, 'campaign', 'milestones.yaml');
      this.addWatchFile(file);
      const milestones = parseMilestones(readFileSync(file, 'utf8'), `${contentRoot()}/campaign/milestones.yaml`);
      return `export default ${JSON.stringify(milestones)};`;
    },
  };
}
