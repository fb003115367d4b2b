import { createClient, type Client } from '@libsql/client/web';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/local-database.ts';

let database: TestDatabase;
let client: Client;

async function pipeline(body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${database.server.url}/v2/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false, streamIdleMs: 300 });
  client = createClient({ url: database.server.url, intMode: 'bigint' });
});

afterAll(async () => {
  client.close();
  await database.dispose();
});

beforeEach(async () => {
  await client.executeMultiple(`
    DROP TABLE IF EXISTS items;
    CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB, note TEXT);
  `);
});

describe('version negotiation', () => {
  it('answers GET /v2 and not /v3, so clients speak version 2', async () => {
    expect((await fetch(`${database.server.url}/v2`)).status).toBe(200);
    expect((await fetch(`${database.server.url}/v3-protobuf`)).status).toBe(404);
  });
});

describe('values survive the round trip', () => {
  it.each([
    ['a small integer', 42n],
    ['an integer past 2^53', 9_007_199_254_740_993n],
    ['the largest 64-bit integer', 9_223_372_036_854_775_807n],
    ['a negative integer', -12n],
    ['a float', 3.25],
    ['a float with no fraction', 2.0],
    ['text with emoji and RTL', 'Walk away 🚶 — مرحبا'],
    ['an empty string', ''],
    ['null', null],
  ])('%s', async (_name, value) => {
    const { rows } = await client.execute({ sql: 'SELECT ? AS value, typeof(?) AS type', args: [value, value] });
    expect(rows[0]?.value).toEqual(value);
  });

  it('a blob', async () => {
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    await client.execute({ sql: 'INSERT INTO items (data) VALUES (?)', args: [bytes] });
    const { rows } = await client.execute('SELECT data FROM items');
    expect(new Uint8Array(rows[0]?.data as ArrayBuffer)).toEqual(bytes);
  });

  it('REAL columns stay floats and INTEGER columns stay integers', async () => {
    await client.execute({ sql: 'INSERT INTO items (id, score) VALUES (?, ?)', args: [7n, 1.0] });
    const result = await pipeline({ requests: [{ type: 'execute', stmt: { sql: 'SELECT id, score FROM items' } }, { type: 'close' }] });
    expect(result.json.results[0].response.result.rows[0]).toEqual([
      { type: 'integer', value: '7' },
      { type: 'float', value: 1 },
    ]);
  });

  it('binds named arguments with any prefix', async () => {
    const { rows } = await client.execute({ sql: 'SELECT :a + @b + $c AS sum', args: { a: 1n, b: 2n, c: 3n } });
    expect(rows[0]?.sum).toBe(6n);
  });
});

describe('statement results', () => {
  it('reports affected rows and the last rowid for INSERT, and for RETURNING', async () => {
    const insert = await client.execute("INSERT INTO items (id, name) VALUES (10, 'a'), (11, 'b')");
    expect(insert.rowsAffected).toBe(2);
    expect(insert.lastInsertRowid).toBe(11n);

    const returning = await client.execute("INSERT INTO items (id, name) VALUES (20, 'c') RETURNING id, name");
    expect(returning.rows.map((row) => row.id)).toEqual([20n]);
    expect(returning.rowsAffected).toBe(1);
    expect(returning.lastInsertRowid).toBe(20n);
    expect(returning.columns).toEqual(['id', 'name']);
    expect(returning.columnTypes).toEqual(['INTEGER', 'TEXT']);
  });

  it('reports zero affected rows for a query, for an ignored insert and after BEGIN/COMMIT', async () => {
    await client.execute("INSERT INTO items (name) VALUES ('a')");
    expect((await client.execute('SELECT * FROM items')).rowsAffected).toBe(0);
    expect((await client.execute("INSERT OR IGNORE INTO items (name) VALUES ('a')")).rowsAffected).toBe(0);
    const update = await client.execute("UPDATE items SET note = 'x' WHERE name = 'a' RETURNING id");
    expect(update.rowsAffected).toBe(1);
  });

  it('reports SQLite errors by their primary code, as Turso does', async () => {
    await client.execute("INSERT INTO items (name) VALUES ('dup')");
    await expect(client.execute("INSERT INTO items (name) VALUES ('dup')")).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT',
    });
    await client.execute('CREATE TABLE IF NOT EXISTS checked (n INTEGER CHECK (n > 0), m NOT NULL DEFAULT 1)');
    await expect(client.execute('INSERT INTO checked (n) VALUES (0)')).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await expect(client.execute('INSERT INTO checked (n, m) VALUES (1, NULL)')).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await expect(client.execute('SELEC 1')).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
  });
});

describe('batches', () => {
  it('commit every step together', async () => {
    await client.batch(["INSERT INTO items (name) VALUES ('x')", "INSERT INTO items (name) VALUES ('y')"], 'write');
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(2n);
  });

  it('roll back entirely when one step fails', async () => {
    await expect(
      client.batch(
        ["INSERT INTO items (name) VALUES ('x')", "INSERT INTO items (name) VALUES ('y')", "INSERT INTO items (name) VALUES ('x')"],
        'write',
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(0n);
  });

  it('evaluate ok, error, not, and and or conditions', async () => {
    const step = (sql: string, condition?: unknown) => ({ stmt: { sql }, ...(condition ? { condition } : {}) });
    const { json } = await pipeline({
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              step('SELECT 1'),
              step('SELEC 2'),
              step('SELECT 3', { type: 'ok', step: 0 }),
              step('SELECT 4', { type: 'ok', step: 1 }),
              step('SELECT 5', { type: 'error', step: 1 }),
              step('SELECT 6', { type: 'not', cond: { type: 'ok', step: 1 } }),
              step('SELECT 7', { type: 'and', conds: [{ type: 'ok', step: 0 }, { type: 'ok', step: 1 }] }),
              step('SELECT 8', { type: 'or', conds: [{ type: 'ok', step: 1 }, { type: 'ok', step: 0 }] }),
              step('SELECT 9', { type: 'ok', step: 3 }),
            ],
          },
        },
        { type: 'close' },
      ],
    });
    const result = json.results[0].response.result;
    const ran = result.step_results.map((stepResult: unknown) => stepResult !== null);
    expect(ran).toEqual([true, false, true, false, true, true, false, true, false]);
    expect(result.step_errors[1]).toMatchObject({ code: 'SQLITE_ERROR' });
    expect(result.step_errors.filter(Boolean)).toHaveLength(1);
  });
});

describe('interactive transactions', () => {
  it('are isolated from each other until commit', async () => {
    const writer = await client.transaction('write');
    await writer.execute("INSERT INTO items (name) VALUES ('uncommitted')");
    const reader = await client.transaction('read');
    expect((await reader.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(0n);
    expect((await writer.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(1n);
    await writer.commit();
    expect((await reader.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(0n);
    reader.close();
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(1n);
  });

  it('make a second writer wait for the first instead of failing', async () => {
    const first = await client.transaction('write');
    await first.execute("INSERT INTO items (name) VALUES ('first')");
    const second = client.transaction('write').then(async (transaction) => {
      await transaction.execute("INSERT INTO items (name) VALUES ('second')");
      await transaction.commit();
    });
    await vi.waitFor(() => expect(database.server.stats().writersWaiting).toBe(1));
    await first.commit();
    await second;
    const { rows } = await client.execute('SELECT name FROM items ORDER BY id');
    expect(rows.map((row) => row.name)).toEqual(['first', 'second']);
  });

  it('roll back what was written', async () => {
    const transaction = await client.transaction('write');
    await transaction.execute("INSERT INTO items (name) VALUES ('gone')");
    await transaction.rollback();
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(0n);
  });
});

describe('many concurrent clients', () => {
  it('all writes land exactly once', async () => {
    const clients = Array.from({ length: 20 }, () => createClient({ url: database.server.url }));
    await Promise.all(
      clients.map((each, c) =>
        Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            each.batch([{ sql: 'INSERT INTO items (name) VALUES (?)', args: [`client-${c}-item-${i}`] }], 'write'),
          ),
        ),
      ),
    );
    clients.forEach((each) => each.close());
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(500n);
  });
});

describe('streams and batons', () => {
  it('hand out a new unguessable baton each time and refuse a spent one', async () => {
    const first = await pipeline({ baton: null, requests: [{ type: 'execute', stmt: { sql: 'SELECT 1' } }] });
    const baton = first.json.baton as string;
    expect(baton).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const second = await pipeline({ baton, requests: [{ type: 'execute', stmt: { sql: 'SELECT 2' } }] });
    expect(second.json.baton).not.toBe(baton);
    const replay = await pipeline({ baton, requests: [{ type: 'execute', stmt: { sql: 'SELECT 3' } }] });
    expect(replay.status).toBe(400);
    await pipeline({ baton: second.json.baton, requests: [{ type: 'close' }] });
  });

  it('expire when idle, rolling back their open transaction', async () => {
    const parkedBefore = database.server.stats().parkedStreams;
    const opened = await pipeline({
      baton: null,
      requests: [
        { type: 'execute', stmt: { sql: 'BEGIN' } },
        { type: 'execute', stmt: { sql: "INSERT INTO items (name) VALUES ('abandoned')" } },
      ],
    });
    expect(database.server.stats().parkedStreams).toBe(parkedBefore + 1);
    await vi.waitFor(() => expect(database.server.stats().parkedStreams).toBe(parkedBefore), { timeout: 5_000 });
    const late = await pipeline({ baton: opened.json.baton, requests: [{ type: 'execute', stmt: { sql: 'COMMIT' } }] });
    expect(late.status).toBe(400);
    expect(late.json.code).toBe('STREAM_EXPIRED');
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(0n);
  });

  it('close with a null baton and refuse requests after close', async () => {
    const { json } = await pipeline({
      baton: null,
      requests: [{ type: 'close' }, { type: 'execute', stmt: { sql: 'SELECT 1' } }],
    });
    expect(json.baton).toBeNull();
    expect(json.results[1]).toMatchObject({ type: 'error', error: { code: 'STREAM_CLOSED' } });
  });

  it('store, use and close SQL texts within a stream', async () => {
    const { json } = await pipeline({
      requests: [
        { type: 'store_sql', sql_id: 1, sql: "INSERT INTO items (name) VALUES ('stored')" },
        { type: 'execute', stmt: { sql_id: 1 } },
        { type: 'store_sql', sql_id: 1, sql: 'SELECT 1' },
        { type: 'close_sql', sql_id: 1 },
        { type: 'execute', stmt: { sql_id: 1 } },
        { type: 'sequence', sql: "INSERT INTO items (name) VALUES ('s1'); INSERT INTO items (name) VALUES ('s2');" },
        { type: 'close' },
      ],
    });
    expect(json.results.map((result: { type: string }) => result.type)).toEqual(['ok', 'ok', 'error', 'ok', 'error', 'ok', 'ok']);
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(3n);
  });

  it('describe parameters, columns and whether a statement writes', async () => {
    const { json } = await pipeline({
      requests: [
        { type: 'describe', sql: 'SELECT id, name FROM items WHERE id = ?1 AND name = :name' },
        { type: 'describe', sql: "INSERT INTO items (name) VALUES ('x')" },
        { type: 'close' },
      ],
    });
    const [select, insert] = json.results.map((result: any) => result.response.result);
    expect(select).toEqual({
      params: [{ name: '?1' }, { name: ':name' }],
      cols: [
        { name: 'id', decltype: 'INTEGER' },
        { name: 'name', decltype: 'TEXT' },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(insert.is_readonly).toBe(false);
  });

  it('answers a malformed body with 400 and keeps serving', async () => {
    const response = await fetch(`${database.server.url}/v2/pipeline`, { method: 'POST', body: '{oops' });
    expect(response.status).toBe(400);
    expect((await client.execute('SELECT 1 AS one')).rows[0]?.one).toBe(1n);
  });
});
