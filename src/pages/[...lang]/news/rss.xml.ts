import type { APIRoute, GetStaticPaths } from 'astro';
import { collectionFeed } from '../../../collections.ts';
import { localeParams } from '../../../i18n/locales.ts';

export const getStaticPaths = (() => localeParams()) satisfies GetStaticPaths;

export const GET: APIRoute = (context) => collectionFeed('news', context);
