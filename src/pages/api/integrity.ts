import type { APIRoute } from 'astro';
import { integrityService } from '../../lib/integrity/integrity-service.ts';
import { methodNotAllowed } from '../../lib/http/responses.ts';
import { platform } from '../../platform.ts';

export const prerender = false;

export const GET: APIRoute = () => integrityService(platform()).answer();

export const ALL: APIRoute = ({ request }) => methodNotAllowed(request, ['GET']);
