import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { newsSchema, storySchema } from './lib/content/schemas';

const stories = defineCollection({
  loader: glob({ base: './content/stories', pattern: '**/*.mdx' }),
  schema: ({ image }) => storySchema(image),
});

const news = defineCollection({
  loader: glob({ base: './content/news', pattern: '**/*.mdx' }),
  schema: newsSchema,
});

export const collections = { stories, news };
