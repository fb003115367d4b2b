import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readFormBody } from '../../src/lib/http/read-body.ts';

const post = (body: BodyInit, contentType?: string, headers: Record<string, string> = {}) =>
  new Request('http://walkaway.test/api/pledge', {
    method: 'POST',
    body,
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
  });

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += 1000) controller.enqueue(bytes.slice(offset, offset + 1000));
      controller.close();
    },
  });
}

describe('reading a pledge body', () => {
  it('reads a form post', async () => {
    expect(await readFormBody(post('email=a%40b.org&updates=on', 'application/x-www-form-urlencoded'))).toEqual({
      ok: true,
      format: 'form',
      data: { email: 'a@b.org', updates: 'on' },
    });
  });

  it('reads JSON, with a charset parameter', async () => {
    expect(await readFormBody(post('{"email":"a@b.org"}', 'application/json; charset=utf-8'))).toEqual({
      ok: true,
      format: 'json',
      data: { email: 'a@b.org' },
    });
  });

  it.each([undefined, 'text/plain', 'multipart/form-data; boundary=x', 'application/xml'])(
    'refuses content type %s with 415',
    async (type) => {
      expect(await readFormBody(post('email=x', type))).toMatchObject({ ok: false, status: 415 });
    },
  );

  it('refuses a body over 8 KB with 413, and accepts one of exactly 8 KB', async () => {
    const exact = `email=${'a'.repeat(MAX_BODY_BYTES - 6)}`;
    expect(await readFormBody(post(exact, 'application/x-www-form-urlencoded'))).toMatchObject({ ok: true });
    expect(await readFormBody(post(`${exact}b`, 'application/x-www-form-urlencoded'))).toMatchObject({
      ok: false,
      status: 413,
    });
  });

  it('refuses an oversized chunked body that declares no length', async () => {
    const request = new Request('http://walkaway.test/api/pledge', {
      method: 'POST',
      body: chunked('x'.repeat(MAX_BODY_BYTES + 1)),
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(await readFormBody(request)).toMatchObject({ ok: false, status: 413 });
  });

  it.each(['{not json', '[1,2]', '"text"', 'null'])('refuses the JSON body %s with 400', async (body) => {
    expect(await readFormBody(post(body, 'application/json'))).toMatchObject({ ok: false, status: 400 });
  });
});

describe('refused bodies', () => {
  it.each([
    ['an unsupported type', post('x'.repeat(100), 'text/plain')],
    ['an oversized declared body', post('x'.repeat(MAX_BODY_BYTES + 1), 'application/json')],
  ])('are still read to the end before answering (%s), so proxies do not drop the answer', async (_case, request) => {
    const result = await readFormBody(request);
    expect(result.ok).toBe(false);
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow();
  });
});
