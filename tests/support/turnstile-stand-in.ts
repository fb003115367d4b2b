import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STAND_IN_SECRET = 'stand-in-secret';

/**
 * A local stand-in for Turnstile's siteverify, answering as Cloudflare documents: tokens are single-use, except that
 * a retry with the same idempotency_key gets the first answer again. Tokens name their outcome:
 * `valid-…` passes for host walkaway.test and action pledge, `valid-for-speak-out-…` for the /speak-out form;
 * `other-host-…` and `other-action-…` pass for another host or action; anything else is invalid.
 */
export async function startTurnstileStandIn() {
  const spent = new Map<string, string | undefined>();
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const { secret, response: token = '', idempotency_key: key } = JSON.parse(body) as Partial<Record<string, string>>;
    const answer = (result: object) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
    };
    if (secret !== STAND_IN_SECRET) return answer({ success: false, 'error-codes': ['invalid-input-secret'] });
    if (spent.has(token) && spent.get(token) !== key) {
      return answer({ success: false, 'error-codes': ['timeout-or-duplicate'] });
    }
    spent.set(token, key);
    const hostname = token.startsWith('other-host-') ? 'elsewhere.test' : 'walkaway.test';
    const action = token.startsWith('other-action-') ? 'login' : token.startsWith('valid-for-speak-out-') ? 'speak-out' : 'pledge';
    if (/^(valid|other-host|other-action)-/.test(token)) return answer({ success: true, hostname, action });
    return answer({ success: false, 'error-codes': ['invalid-input-response'] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/turnstile/v0/siteverify`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
