export type ReadBody =
  | { ok: true; format: 'form' | 'json'; data: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; message: string };

export const MAX_BODY_BYTES = 8 * 1024;

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads at most `limit` bytes, whatever Content-Length claims (chunked bodies carry none). */
async function readLimited(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) {
    // Refuse without reading, but release the body so the runtime does not wait on it.
    await request.body?.cancel();
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
      await reader.cancel();
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

/** A pledge arrives as a plain form post or as JSON from the enhanced form; anything else is refused. */
export async function readPledgeBody(request: Request, limit = MAX_BODY_BYTES): Promise<ReadBody> {
  const type = mediaType(request);
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') {
    return { ok: false, status: 415, message: 'Send the pledge as application/x-www-form-urlencoded or application/json' };
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
