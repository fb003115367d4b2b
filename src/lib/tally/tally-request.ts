/** GET and HEAD /api/tally: what the worker entry answers itself. Every other method goes on to Astro (405). */
export function isTallyRequest(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && new URL(request.url).pathname === '/api/tally';
}
