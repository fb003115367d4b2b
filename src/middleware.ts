import { defineMiddleware } from 'astro:middleware';
import { framingOf, withSecurityHeaders } from './lib/security/headers.ts';

// The page's own framing (the embeddable pledge form names its partner's origins) is read after it has rendered.
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  return withSecurityHeaders(response, { framing: context.locals.framing ?? framingOf(context.url.pathname) });
});
