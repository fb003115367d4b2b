import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import Database from 'libsql';
import { toHranaError } from './connection.ts';
import type { PipelineRequest, PipelineResponse, StreamRequest, StreamResult } from './protocol.ts';
import { StreamRegistry } from './streams.ts';

export interface ServerOptions {
  /** Database file; created with its folder when missing. */
  file: string;
  port?: number;
  host?: string;
  /** How long an unused stream keeps its baton and its open transaction. */
  streamIdleMs?: number;
  /** Called with every stream request before it runs: for tests and the benchmark, which count what is read. */
  onRequest?: (request: StreamRequest) => void;
}

export interface ServerStats {
  /** Streams waiting for their next request under a baton. */
  parkedStreams: number;
  /** Writers queued for the write lock. */
  writersWaiting: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** What the server holds right now, so that tests can wait for a state instead of sleeping. */
  stats(): ServerStats;
  /** Holds every pipeline request for `ms` before answering it, as a database that has slowed down would. */
  stall(ms: number): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function prepareDatabase(file: string): void {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const engine = new Database(file);
  engine.exec('PRAGMA journal_mode = WAL');
  engine.close();
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function isPipelineRequest(body: unknown): body is PipelineRequest {
  const candidate = body as PipelineRequest | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    (candidate.baton === undefined || candidate.baton === null || typeof candidate.baton === 'string') &&
    Array.isArray(candidate.requests)
  );
}

/** Hrana 2 over HTTP (`GET /v2`, `POST /v2/pipeline`) on the embedded libSQL engine. */
export async function startServer({
  file,
  port = 0,
  host = '127.0.0.1',
  streamIdleMs = 10_000,
  onRequest,
}: ServerOptions): Promise<RunningServer> {
  prepareDatabase(file);
  const streams = new StreamRegistry(file, streamIdleMs);
  let stalledUntil = 0;

  async function pipeline(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const stalled = stalledUntil - Date.now();
    if (stalled > 0) await new Promise((resolve) => setTimeout(resolve, stalled));
    let body: unknown;
    try {
      body = await readJson(request);
    } catch (error) {
      return sendJson(response, 400, { message: `Invalid request body: ${(error as Error).message}`, code: 'PROTOCOL_ERROR' });
    }
    if (!isPipelineRequest(body)) {
      return sendJson(response, 400, { message: 'Expected { baton, requests }', code: 'PROTOCOL_ERROR' });
    }
    const connection = streams.take(body.baton ?? null);
    if (!connection) {
      return sendJson(response, 400, { message: 'The stream has expired or its baton is invalid', code: 'STREAM_EXPIRED' });
    }
    const results: StreamResult[] = [];
    let closed = false;
    for (const streamRequest of body.requests) {
      if (closed) {
        results.push({ type: 'error', error: { message: 'The stream is closed', code: 'STREAM_CLOSED' } });
        continue;
      }
      try {
        onRequest?.(streamRequest);
        results.push({ type: 'ok', response: await connection.handle(streamRequest) });
        closed = streamRequest.type === 'close';
      } catch (error) {
        results.push({ type: 'error', error: toHranaError(error) });
      }
    }
    const reply: PipelineResponse = { baton: closed ? null : streams.park(connection), base_url: null, results };
    sendJson(response, 200, reply);
  }

  const server = createHttpServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && (path === '/v2' || path === '/health')) return sendJson(response, 200, { ok: true });
    if (path === '/v2/pipeline') {
      if (request.method !== 'POST') return sendJson(response, 405, { message: 'Use POST' });
      pipeline(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, { message: String(error), code: 'INTERNAL_ERROR' });
      });
      return;
    }
    sendJson(response, 404, { message: `Not found: ${path}` });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    stats: () => ({ parkedStreams: streams.size, writersWaiting: streams.writersWaiting }),
    stall: (ms) => {
      stalledUntil = Date.now() + ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
