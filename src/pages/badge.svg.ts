import type { APIRoute } from 'astro';
import { SITE } from '../config';
import { badgeResponse } from '../lib/badge/badge-response';
import { badgeTheme } from '../lib/badge/badge-svg';
import { currentTally } from '../runtime';

export const prerender = false;

export const GET: APIRoute = async ({ url, request }) =>
  badgeResponse(request, (await currentTally(url))?.body.total, { theme: badgeTheme(url), lang: SITE.lang });
