import { randomBytes } from 'node:crypto';
import { Connection } from './connection.ts';
import { WriterLock } from './writer-lock.ts';

interface OpenStream {
  connection: Connection;
  idleTimer: NodeJS.Timeout;
}

/**
 * Streams addressed by batons. Each response hands out a fresh, unguessable baton and the old one dies,
 * so a stream can only be driven by whoever holds its latest baton. Idle streams are rolled back and closed.
 */
export class StreamRegistry {
  readonly #streams = new Map<string, OpenStream>();
  readonly #file: string;
  readonly #idleMs: number;
  readonly #writerLock = new WriterLock();

  constructor(file: string, idleMs: number) {
    this.#file = file;
    this.#idleMs = idleMs;
  }

  get size(): number {
    return this.#streams.size;
  }

  get writersWaiting(): number {
    return this.#writerLock.waiting;
  }

  /** Takes the stream a baton names (or opens one for `null`); undefined for an unknown or expired baton. */
  take(baton: string | null): Connection | undefined {
    if (baton === null) return new Connection(this.#file, this.#writerLock);
    const stream = this.#streams.get(baton);
    // A baton is spent as soon as a request uses it, so requests on one stream are necessarily serial.
    if (!stream) return undefined;
    this.#streams.delete(baton);
    clearTimeout(stream.idleTimer);
    return stream.connection;
  }

  /** Parks a stream under a new baton until its next request or until it idles out. */
  park(connection: Connection): string {
    const baton = randomBytes(24).toString('base64url');
    const idleTimer = setTimeout(() => {
      this.#streams.delete(baton);
      connection.close();
    }, this.#idleMs);
    idleTimer.unref();
    this.#streams.set(baton, { connection, idleTimer });
    return baton;
  }

  closeAll(): void {
    for (const { connection, idleTimer } of this.#streams.values()) {
      clearTimeout(idleTimer);
      connection.close();
    }
    this.#streams.clear();
  }
}
