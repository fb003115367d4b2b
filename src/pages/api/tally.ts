import type { APIRoute } from 'astro';
import { methodNotAllowed } from '../../lib/http/responses';
import { serveTally } from '../../lib/tally/serve-tally';
import { tallyDeps } from '../../runtime';

export const prerender = false;

export const GET: APIRoute = ({ request }) => serveTally(request, tallyDeps());

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['GET']);
