import { z } from 'astro/zod';
import { parse } from 'yaml';
import { LOCALES } from '../../i18n/locales.ts';

/** A milestone of the campaign (content/campaign/milestones.yaml): a count, and what the home page says on reaching it. */
export interface Milestone {
  value: number;
  /** Per language; a language without one says the site's general words. */
  message: Partial<Record<(typeof LOCALES)[number], string>>;
}

const milestoneSchema = z
  .object({
    value: z
      .number({ error: 'value must be a whole number, such as 10000' })
      .int('value must be a whole number, such as 10000')
      .positive('value must be above 0')
      .describe('The count that makes the milestone: a whole number above 0, written without separators (10000).'),
    message: z
      .partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(200))
      .default({})
      .describe(`Optional: what the home page says when the count passes it, per language (${LOCALES.join(', ')}), at most 200 characters.`),
  })
  .strict();

const milestonesSchema = z.array(milestoneSchema).min(1, 'list at least one milestone');

/**
 * The milestones in the file's text, or an error naming `file`, the entry and what is wrong: a value that is not a
 * whole number above 0, or values not in ascending order (the build stops on it).
 */
export function parseMilestones(text: string, file: string): Milestone[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = milestonesSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = typeof issue.path[0] === 'number' ? `milestone ${issue.path[0] + 1}${issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : ''}: ` : '';
    throw new Error(`${file}: ${where}${issue.message}`);
  }
  const milestones = parsed.data;
  milestones.forEach(({ value }, index) => {
    const before = milestones[index - 1];
    if (before && value <= before.value) {
      throw new Error(`${file}: milestones must be in ascending order, each above the one before: ${value} comes after ${before.value}`);
    }
  });
  return milestones;
}
