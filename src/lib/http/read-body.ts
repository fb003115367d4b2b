export type ReadBody =
  | { ok: true; format: 'form' | 'json'; data: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; message: string };

export const MAX_BODY_BYTES = 8 * 1024;
// Bodies we refuse are still read to the end, up to this much, before answering: a server that answers while the
// client is still sending makes some proxies drop the connection, and with it the answer (local preview does).
const DISCARD_UP_TO_BYTES = 1024 * 1024;

/** Reads and drops what is left of a body, up to `cap` bytes; past that, stops reading. */
export async function discardBody(request: Request, cap = DISCARD_UP_TO_BYTES): Promise<void> {
  if (!request.body || request.body.locked) return;
  await drain(request.body.getReader(), cap);
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, cap: number): Promise<void> {
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing left to discard.
  }
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads at most `limit` bytes, whatever Content-Length claims (chunked bodies carry none). */
async function readLimited(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await discardBody(request);
    return undefined;
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await drain(reader, DISCARD_UP_TO_BYTES - size);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** A form arrives as a plain form post or as JSON from an enhanced form; anything else is refused. */
export async function readFormBody(request: Request, limit = MAX_BODY_BYTES): Promise<ReadBody> {
  const type = mediaType(request);
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') {
    await discardBody(request);
    return { ok: false, status: 415, message: 'Send the form as application/x-www-form-urlencoded or application/json' };
  }
  const text = await readLimited(request, limit);
  if (text === undefined) return { ok: false, status: 413, message: `The request is larger than ${limit} bytes` };
  if (type === 'application/x-www-form-urlencoded') {
    return { ok: true, format: 'form', data: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
    return { ok: true, format: 'json', data: data as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not a JSON object' };
  }
}
