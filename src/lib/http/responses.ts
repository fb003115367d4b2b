import { discardBody } from './read-body.ts';

const NO_STORE = { 'cache-control': 'no-store' };

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

/** 405, after reading whatever body came with the request (see discardBody). */
export async function methodNotAllowed(request: Request, allowed: readonly string[]): Promise<Response> {
  await discardBody(request);
  return jsonResponse({ error: `Method not allowed. Use ${allowed.join(' or ')}.` }, 405, { allow: allowed.join(', ') });
}

/**
 * Headers of the pages a link in an email opens (/pledge/confirm, /pledge/withdraw): never stored by a cache or the
 * browser's back button, never sending the token on as a referrer, never indexed.
 */
export const pledgeLinkHeaders = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
} as const;
