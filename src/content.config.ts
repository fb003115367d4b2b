import { fileURLToPath } from 'node:url';
import { defineCollection, reference } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import { contentPath, contentRoot } from './lib/content/content-root.ts';
import { accessibilityStatementSchema, helplineSchema, newsSchema, partnerSchema, seriesSchema, storySchema, type SeriesReference } from './lib/content/schemas.ts';
import { missingSeries } from './lib/content/series-files.ts';
import { partnerCodeOf } from './lib/partners/frame-origin.ts';
import { isPreviewBuild } from './preview-build.ts';

const root = contentRoot();
const seriesFolder = contentPath(fileURLToPath(new URL('..', import.meta.url)), 'series');

// Astro 7 only logs a reference to a missing entry, naming no file. Checking for the series file here makes the
// mistake a schema error, which fails `astro build` and `astro check` naming the file and the field.
const series = reference('series').superRefine((link, context) => {
  const problem = link && 'id' in link ? missingSeries(seriesFolder, link.id, `${root}/series`) : undefined;
  if (problem) context.addIssue({ code: 'custom', message: problem });
}) as unknown as SeriesReference;

/**
 * A production build leaves drafts out of the content store altogether. Astro compiles the store's entries, bodies,
 * titles and summaries included, into the Worker's bundle: a draft merely kept off the pages would still ship there.
 * Drafts are still validated (the glob loader parses each entry before it is dropped), and `npm run dev` keeps them.
 */
function publishedOnly(loader: Loader): Loader {
  return {
    ...loader,
    name: `${loader.name}-published`,
    load: async (context) => {
      await loader.load(context);
      if (import.meta.env.DEV || isPreviewBuild) return;
      for (const [id, entry] of context.store.entries()) if (entry.data.draft === true) context.store.delete(id);
    },
  };
}

const stories = defineCollection({
  loader: publishedOnly(glob({ base: `${root}/stories`, pattern: '**/*.mdx' })),
  schema: ({ image }) => storySchema({ image, series }),
});

const news = defineCollection({
  loader: publishedOnly(glob({ base: `${root}/news`, pattern: '**/*.mdx' })),
  schema: newsSchema({ series }),
});

const seriesCollection = defineCollection({
  // The id is the file name (`es/<name>` for a translation), so that the check above, the page address and what
  // editors see all agree.
  loader: glob({ base: `${root}/series`, pattern: '**/*.{md,mdx}', generateId: ({ entry }) => entry.replace(/\.mdx?$/, '') }),
  schema: seriesSchema,
});

const helplines = defineCollection({
  loader: file(`${root}/helplines.yaml`),
  schema: helplineSchema,
});

// A partner's code is its file's name: it goes into addresses (?partner=, ?ref=) and is stored with each pledge, so a
// name that is not a code fails the build, naming the file.
const partners = defineCollection({
  loader: glob({
    base: `${root}/partners`,
    pattern: '*.{yaml,yml}',
    generateId: ({ entry }) => partnerCodeOf(entry, `${root}/partners/${entry}`),
  }),
  schema: partnerSchema,
});

// Small campaign facts editors keep up to date: the accessibility statement's dates and contact.
const campaign = defineCollection({
  loader: file(`${root}/campaign/accessibility.yaml`),
  schema: accessibilityStatementSchema,
});

export const collections = { stories, news, series: seriesCollection, helplines, partners, campaign };
