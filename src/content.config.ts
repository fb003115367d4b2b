import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { helplineSchema, newsSchema, storySchema } from './lib/content/schemas';

const stories = defineCollection({
  loader: glob({ base: './content/stories', pattern: '**/*.mdx' }),
  schema: ({ image }) => storySchema(image),
});

const news = defineCollection({
  loader: glob({ base: './content/news', pattern: '**/*.mdx' }),
  schema: newsSchema,
});

const helplines = defineCollection({
  loader: file('./content/helplines.yaml'),
  schema: helplineSchema,
});

export const collections = { stories, news, helplines };
