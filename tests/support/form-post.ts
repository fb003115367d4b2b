import { randomUUID } from 'node:crypto';

export type PostFormat = 'json' | 'form';

/**
 * A form post as a browser sends it: a fresh form key unless one is given, as JSON (the enhanced form) or as a
 * plain form, with any headers (a client address, Sec-Fetch-Site…).
 */
export function formPost(
  path: string,
  fields: Record<string, unknown>,
  { format = 'json', headers = {} }: { format?: PostFormat; headers?: Record<string, string> } = {},
): Request {
  const data = { idempotencyKey: randomUUID(), ...fields };
  return new Request(new URL(path, 'https://walkaway.test'), {
    method: 'POST',
    headers: { 'content-type': format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
    body:
      format === 'json'
        ? JSON.stringify(data)
        : new URLSearchParams(Object.entries(data).map(([key, value]) => [key, String(value)])).toString(),
  });
}
