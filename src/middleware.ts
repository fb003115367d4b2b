import { defineMiddleware } from 'astro:middleware';
import { isFrameable, withSecurityHeaders } from './lib/security/headers.ts';

export const onRequest = defineMiddleware(async (context, next) =>
  withSecurityHeaders(await next(), { frameable: isFrameable(context.url.pathname) }),
);
