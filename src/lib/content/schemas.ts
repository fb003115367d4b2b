import type { SchemaContext } from 'astro/content/config';
import { z } from 'astro/zod';
import { LOCALES } from '../../i18n/locales.ts';
import { isFrameOrigin } from '../partners/frame-origin.ts';

/** Astro's `image()` helper: resolves a path next to the MDX file into optimisable image metadata. */
export type ImageHelper = SchemaContext['image'];

/** What `reference('series')` gives once parsed: the series entry it points at. */
export interface SeriesLink {
  collection: 'series';
  id: string;
}

/** Parses a series name in frontmatter into a link to that series; refuses names with no series file. */
export type SeriesReference = z.ZodType<SeriesLink, string>;

interface SchemaHelpers {
  image: ImageHelper;
  series: SeriesReference;
}

const SUMMARY_MAX = 200;

/** Text an editor must write: missing and blank get the same message, naming the field. */
const requiredText = (field: string) =>
  z.string({ error: `${field} is required` }).trim().min(1, `${field} is required`);

const date = (what: string) =>
  z.coerce
    .date({ error: `${what} must be a date written as YYYY-MM-DD` })
    .describe(`${what}, written as YYYY-MM-DD.`);

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'url must be a full https:// address' })
  .describe('Full https:// address of the article. Plain http links are refused.');

const heroSchema = (image: ImageHelper, what: string) =>
  z
    .object({
      src: image().describe(`Path to a local image next to the ${what}, e.g. ./images/launch.jpg.`),
      alt: z
        .string({ error: 'hero.alt is required: describe the image for people who cannot see it' })
        .trim()
        .min(1, 'hero.alt is required: describe the image for people who cannot see it')
        .describe('What the image shows, for people who cannot see it.'),
    })
    .strict()
    .describe(`The large image at the top of the ${what}.`);

const draftFlag = (what: string) =>
  z
    .boolean()
    .default(false)
    .describe(`true keeps the ${what} out of the published site; it still shows in \`npm run dev\`.`);

/** `series` and `part` together place a story or news entry in a series; one without the other is a mistake. */
const seriesFields = (series: SeriesReference) => ({
  series: series
    .optional()
    .describe('The series this entry belongs to: the name of its file in content/series, e.g. breaking-silence.'),
  part: z
    .number({ error: 'part must be a whole number: 1, 2, 3…' })
    .int('part must be a whole number: 1, 2, 3…')
    .min(1, 'part must be 1 or more')
    .optional()
    .describe('Where the entry comes in its series: 1 for the first part, 2 for the second…'),
});

interface PlaceInSeries {
  series?: SeriesLink | undefined;
  part?: number | undefined;
}

function partAndSeriesTogether(data: PlaceInSeries, ctx: z.RefinementCtx) {
  if (data.series && data.part === undefined) {
    ctx.addIssue({ code: 'custom', path: ['part'], message: 'part is required with series: give the part number (1, 2, 3…)' });
  }
  if (!data.series && data.part !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['series'], message: 'series is required with part: name the series this is part of' });
  }
}

/**
 * A story or a news entry: its own fields, then what every published entry has (its place in a series and the draft
 * flag), no field beyond those, and `series` and `part` only together.
 */
const publishableEntry = <Fields extends z.ZodRawShape>(fields: Fields, series: SeriesReference, what: string) =>
  z
    .object({ ...fields, ...seriesFields(series), draft: draftFlag(what) })
    .strict()
    // The output has `series` and `part` whatever the fields are; TypeScript cannot see that through the generic.
    .superRefine((data, ctx) => partAndSeriesTogether(data as PlaceInSeries, ctx));

export const storySchema = ({ image, series }: SchemaHelpers) =>
  publishableEntry(
    {
      title: requiredText('title').max(120).describe('Headline of the story, at most 120 characters.'),
      summary: requiredText('summary')
        .max(SUMMARY_MAX, `summary must be at most ${SUMMARY_MAX} characters`)
        .describe(`One or two sentences for story lists and link previews, at most ${SUMMARY_MAX} characters.`),
      publishedAt: date('Publication date'),
      updatedAt: date('Date of the last meaningful change')
        .optional()
        .describe('Date of the last meaningful change, written as YYYY-MM-DD. Leave out if never updated.'),
      author: requiredText('author').describe('Who wrote the story, as it should be credited.'),
      tags: z
        .array(z.string().trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'tags are lowercase words joined by hyphens'))
        .default([])
        .describe('Topics such as "launch" or "survivors": lowercase, words joined by hyphens.'),
      contentWarning: z
        .string()
        .trim()
        .min(1)
        .optional()
        .describe('Shown before the story when it touches on abuse, e.g. "Mentions sexual exploitation".'),
      hero: heroSchema(image, 'story')
        .optional()
        .describe('Optional: a large image at the top of the story, and on its card in story lists. A reader\'s story may go without one.'),
    },
    series,
    'story',
  );

export const newsSchema = ({ series }: Pick<SchemaHelpers, 'series'>) =>
  publishableEntry(
    {
      headline: requiredText('headline').describe('The article headline, as the outlet published it.'),
      outlet: requiredText('outlet').describe('Name of the publication.'),
      url: httpsUrl,
      publishedAt: date('Date the article was published'),
      summary: requiredText('summary')
        .max(SUMMARY_MAX, `summary must be at most ${SUMMARY_MAX} characters`)
        .describe(`What the article says about the campaign, in our words, at most ${SUMMARY_MAX} characters.`),
      quote: z
        .object({
          text: z.string().trim().min(1).max(400).describe('A short quotation from the article, word for word.'),
          speaker: z.string().trim().min(1).describe('Who said it, as the article names them.'),
        })
        .strict()
        .optional()
        .describe('Optional short quotation from the article with its speaker.'),
    },
    series,
    'entry',
  );

export const seriesSchema = ({ image }: Pick<SchemaHelpers, 'image'>) =>
  z
    .object({
      title: requiredText('title').max(120).describe('Name of the series, at most 120 characters.'),
      description: requiredText('description')
        .max(SUMMARY_MAX, `description must be at most ${SUMMARY_MAX} characters`)
        .describe(`What the series is about, for the series list and link previews, at most ${SUMMARY_MAX} characters.`),
      hero: heroSchema(image, 'series page').optional().describe('Optional: a large image at the top of the series page.'),
    })
    .strict();


const dialable = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{1,24}$/, 'write the number with digits, spaces and hyphens only');

export const helplineSchema = z
  .object({
    id: z.string().regex(/^[a-z]{2}$/, 'id is the two-letter country code in lowercase').describe('Two-letter country code, lowercase: "us", "gb".'),
    country: z.string().trim().min(1).describe('Country name as visitors know it.'),
    emergency: dialable.describe('The emergency number in that country, e.g. "911".'),
    lines: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).describe('Name of the helpline.'),
            phone: dialable.optional().describe('Number to call, written as people in that country write it.'),
            text: dialable.optional().describe('Number to send a text message to, if the helpline takes texts.'),
          })
          .strict()
          .refine((line) => line.phone || line.text, 'give a phone or a text number'),
      )
      .min(1)
      .describe('Helplines in that country.'),
  })
  .strict();

/** A partner organisation that may frame the pledge form (content/partners/<code>.yaml; the file name is its code). */
export const partnerSchema = z
  .object({
    name: requiredText('name')
      .max(120)
      .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, 'name must be plain text on one line, with no control or invisible characters')
      .describe('The organisation\'s name, as /partners shows it when `listed` is true.'),
    website: z
      .url({ error: 'website must be a full https:// address' })
      .refine((url) => url.startsWith('https://') || isFrameOrigin(new URL(url).origin) && url.startsWith('http://'), {
        error: 'website must be a full https:// address (http:// only for 127.0.0.1 or localhost, to try it locally)',
      })
      .describe('The organisation\'s website, full https:// address: /partners links to it when `listed` is true. http://127.0.0.1:<port> is accepted for trying it locally.'),
    origins: z
      .array(
        z
          .string({ error: 'each origin is text such as https://www.example.org' })
          .refine(isFrameOrigin, {
            // Quoted as JSON: the message reaches a terminal, and an origin may carry control characters.
            error: (issue) =>
              `${JSON.stringify(String(issue.input))} is not an origin: write scheme://host[:port] and nothing else (https://www.example.org), no path, no *, no spaces`,
          }),
      )
      .min(1, 'origins needs at least one origin: the address of the site that will show the form')
      .describe(
        'Where the partner shows the pledge form: each the scheme, host and port of their pages (https://www.example.org), nothing more. Only these may frame /embed/pledge?partner=<code>. http://127.0.0.1:<port> is accepted for trying it locally.',
      ),
    logo: z
      .string()
      .regex(/^\/partners\/[a-z0-9-]+\.(?:svg|png|webp)$/, 'logo is a file in public/partners/, written as /partners/<name>.svg (or .png, .webp)')
      .optional()
      .describe('Optional: the organisation\'s logo, a file in public/partners/, written as /partners/<name>.svg.'),
    languages: z
      .array(z.enum(LOCALES, { error: `languages are among ${LOCALES.join(', ')}` }))
      .min(1)
      .optional()
      .describe(`Optional: the languages the partner shows the form in (${LOCALES.join(', ')}); the first is used when the partner's page names none.`),
    active: z.boolean().default(true).describe('false stops the form on the partner\'s pages at once (the frame answers "not found").'),
    listed: z
      .boolean()
      .default(false)
      .describe('true names the partner on /partners. Leave false for a group that embeds the form without being named.'),
  })
  .strict();

export type Partner = z.output<typeof partnerSchema>;

/** The accessibility statement's dates and contact (content/campaign/accessibility.yaml, under `statement`). */
export const accessibilityStatementSchema = z
  .object({
    preparedOn: date('The day the statement was first prepared'),
    lastReviewed: date('The day the statement was last reviewed against the site'),
    contact: z
      .email({ error: 'contact must be an email address, such as accessibility@example.org' })
      .optional()
      .describe('Where people report an accessibility problem: an address the campaign reads. Until it is set, the page shows a placeholder.'),
  })
  .strict();
