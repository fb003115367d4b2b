import { defineMiddleware } from 'astro:middleware';
import { withSecurityHeaders } from './lib/security/headers';

export const onRequest = defineMiddleware(async (_context, next) => withSecurityHeaders(await next()));
