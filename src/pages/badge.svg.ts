import type { APIRoute } from 'astro';
import { localeOr } from '../i18n/locales';
import { badgeResponse } from '../lib/badge/badge-response';
import { badgeTheme } from '../lib/badge/badge-svg';
import { currentTally } from '../runtime';

export const prerender = false;

// `?lang=es` writes the number as Spanish does (12.345); the word "walkaways" is the campaign's own in every language.
export const GET: APIRoute = async ({ url, request }) =>
  badgeResponse(request, (await currentTally(url))?.body.total, { theme: badgeTheme(url), lang: localeOr(url.searchParams.get('lang')) });
