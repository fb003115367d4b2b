import type { SchemaContext } from 'astro/content/config';
import { z } from 'astro/zod';

/** Astro's `image()` helper: resolves a path next to the MDX file into optimisable image metadata. */
export type ImageHelper = SchemaContext['image'];

const SUMMARY_MAX = 200;

const date = (what: string) =>
  z.coerce
    .date({ error: `${what} must be a date written as YYYY-MM-DD` })
    .describe(`${what}, written as YYYY-MM-DD.`);

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'url must be a full https:// address' })
  .describe('Full https:// address of the article. Plain http links are refused.');

export const storySchema = (image: ImageHelper) =>
  z
    .object({
      title: z.string().trim().min(1, 'title is required').max(120).describe('Headline of the story, at most 120 characters.'),
      summary: z
        .string()
        .trim()
        .min(1, 'summary is required')
        .max(SUMMARY_MAX, `summary must be at most ${SUMMARY_MAX} characters`)
        .describe(`One or two sentences for story lists and link previews, at most ${SUMMARY_MAX} characters.`),
      publishedAt: date('Publication date'),
      updatedAt: date('Date of the last meaningful change')
        .optional()
        .describe('Date of the last meaningful change, written as YYYY-MM-DD. Leave out if never updated.'),
      author: z.string().trim().min(1, 'author is required').describe('Who wrote the story, as it should be credited.'),
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
      hero: z
        .object({
          src: image().describe('Path to a local image next to the story, e.g. ./images/launch.jpg.'),
          alt: z
            .string({ error: 'hero.alt is required: describe the image for people who cannot see it' })
            .trim()
            .min(1, 'hero.alt is required: describe the image for people who cannot see it')
            .describe('What the image shows, for people who cannot see it.'),
        })
        .strict()
        .describe('The large image at the top of the story.'),
      draft: z
        .boolean()
        .default(false)
        .describe('true keeps the story out of the published site; it still shows in `npm run dev`.'),
    })
    .strict();

export const newsSchema = z
  .object({
    headline: z.string().trim().min(1, 'headline is required').describe('The article headline, as the outlet published it.'),
    outlet: z.string().trim().min(1, 'outlet is required').describe('Name of the publication.'),
    url: httpsUrl,
    publishedAt: date('Date the article was published'),
    summary: z
      .string()
      .trim()
      .min(1, 'summary is required')
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
    draft: z
      .boolean()
      .default(false)
      .describe('true keeps the entry out of the published site; it still shows in `npm run dev`.'),
  })
  .strict();

export type StoryData = z.infer<ReturnType<typeof storySchema>>;
export type NewsData = z.infer<typeof newsSchema>;

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

export type Helpline = z.infer<typeof helplineSchema>;
