import type { APIRoute } from 'astro';
import { methodNotAllowed } from '../../lib/http/responses';

export const prerender = false;

// src/worker.ts answers GET and HEAD before Astro's pipeline (src/lib/tally/tally-request.ts); any other method
// arrives here.
export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['GET', 'HEAD']);
