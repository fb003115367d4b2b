// The partner files (content/partners/<code>.yaml) as the organisers' command line reads them: checked with the same
// schema as the site's build, so that a code the site accepts is a code the command line knows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { contentPath, contentRoot } from '../../src/lib/content/content-root.ts';
import { type Partner, partnerSchema } from '../../src/lib/content/schemas.ts';
import { localPartnerOrigins, partnerCodeOf } from '../../src/lib/partners/frame-origin.ts';
import { asUsageError, UsageError } from './organiser-settings.ts';
import { visibleControls } from './terminal-text.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every partner, by code; a file that is not valid stops the command, naming the file, as it stops the build. */
export function readPartners(folder = contentPath(root, 'partners')): Map<string, Partner> {
  if (!existsSync(folder)) return new Map();
  const partners = new Map<string, Partner>();
  for (const file of readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort()) {
    const where = `${contentRoot()}/partners/${file}`;
    const code = asUsageError(() => partnerCodeOf(file, where));
    const parsed = partnerSchema.safeParse(parse(readFileSync(`${folder}/${file}`, 'utf8')));
    if (!parsed.success) throw new UsageError(`${where}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; ')}`);
    partners.set(code, parsed.data);
  }
  return partners;
}

/** Each partner's code and name, for the stats. */
export const partnerNames = (partners = readPartners()) => new Map([...partners].map(([code, { name }]) => [code, name]));

/**
 * Why the partner files may not go live, or undefined: one that cannot be read, or an origin for trying the form on
 * this machine. Shown as a terminal may show it: a file's name is an editor's text.
 */
export function partnersDeployProblem(): string | undefined {
  try {
    const local = localPartnerOrigins(readPartners());
    if (local.length === 0) return undefined;
    return `a partner file in ${contentRoot()}/partners lists an origin for trying the form locally (${local.join(', ')}): remove it before deploying.`;
  } catch (error) {
    return visibleControls((error as Error).message);
  }
}
