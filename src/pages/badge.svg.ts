import type { APIRoute } from 'astro';
import { localeOr } from '../i18n/locales.ts';
import { badgeResponse } from '../lib/badge/badge-response.ts';
import { badgeTheme } from '../lib/badge/badge-svg.ts';
import { tallyService } from '../lib/tally/tally-service.ts';
import { platform } from '../platform.ts';

export const prerender = false;

// `?lang=es` writes the number as Spanish does (12.345); the word "walkaways" is the campaign's own in every language.
export const GET: APIRoute = async ({ url, request }) =>
  badgeResponse(request, (await tallyService(platform()).current(url))?.total, { theme: badgeTheme(url), lang: localeOr(url.searchParams.get('lang')) });
