import Database from 'libsql';
import {
  type BatchCond,
  type BatchResult,
  type DescribeResult,
  type HranaError,
  ProtocolError,
  type Stmt,
  type StmtResult,
  type StreamRequest,
  type StreamResponse,
} from './protocol.ts';
import { decodeValue, encodeValue, type SqliteValue } from './values.ts';
import { mayWrite, type WriterLock } from './writer-lock.ts';

type Engine = InstanceType<typeof Database>;

// SQLite's primary result codes. The engine reports extended ones (SQLITE_CONSTRAINT_UNIQUE); Turso's server sends
// the primary code (SQLITE_CONSTRAINT), and that is what @libsql/client hands its callers.
const PRIMARY_CODES = [
  'ERROR', 'INTERNAL', 'PERM', 'ABORT', 'BUSY', 'LOCKED', 'NOMEM', 'READONLY', 'INTERRUPT', 'IOERR', 'CORRUPT',
  'NOTFOUND', 'FULL', 'CANTOPEN', 'PROTOCOL', 'EMPTY', 'SCHEMA', 'TOOBIG', 'CONSTRAINT', 'MISMATCH', 'MISUSE', 'NOLFS',
  'AUTH', 'FORMAT', 'RANGE', 'NOTADB', 'NOTICE', 'WARNING',
].map((name) => `SQLITE_${name}`);

/** SQLITE_CONSTRAINT_UNIQUE → SQLITE_CONSTRAINT; other codes as they are. */
function primaryCode(code: string): string {
  return PRIMARY_CODES.find((primary) => code === primary || code.startsWith(`${primary}_`)) ?? code;
}

export function toHranaError(error: unknown): HranaError {
  if (error instanceof ProtocolError) return { message: error.message, code: error.code };
  const { message, code } = error as { message?: unknown; code?: unknown };
  return { message: String(message ?? error), code: typeof code === 'string' ? primaryCode(code) : null };
}

/**
 * One Hrana stream: its own engine connection, its own stored SQL texts. A statement that may write first takes
 * the server's writer lock, held until the connection leaves its transaction.
 */
export class Connection {
  readonly #engine: Engine;
  readonly #storedSql = new Map<number, string>();
  readonly #writerLock: WriterLock;
  #holdsWriterLock = false;

  constructor(file: string, writerLock: WriterLock) {
    this.#engine = new Database(file);
    this.#engine.exec('PRAGMA foreign_keys = ON');
    this.#writerLock = writerLock;
  }

  close(): void {
    if (!this.#engine.open) return;
    if (this.#engine.inTransaction) this.#engine.exec('ROLLBACK');
    this.#engine.close();
    this.#releaseWriterLockOutsideTransaction();
  }

  async handle(request: StreamRequest): Promise<StreamResponse> {
    switch (request.type) {
      case 'execute':
        return { type: 'execute', result: await this.#execute(request.stmt) };
      case 'batch':
        return { type: 'batch', result: await this.#batch(request.batch.steps) };
      case 'sequence': {
        const sql = this.#sqlOf(request);
        await this.#withWriteAccess(sql, () => this.#engine.exec(sql));
        return { type: 'sequence' };
      }
      case 'describe':
        return { type: 'describe', result: this.#describe(this.#sqlOf(request)) };
      case 'store_sql':
        if (this.#storedSql.has(request.sql_id)) {
          throw new ProtocolError(`SQL text ${request.sql_id} is already stored`, 'SQL_STORE_ERROR');
        }
        this.#storedSql.set(request.sql_id, request.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        this.#storedSql.delete(request.sql_id);
        return { type: 'close_sql' };
      case 'close':
        this.close();
        return { type: 'close' };
      default:
        throw new ProtocolError(`Unknown request type: ${(request as { type: string }).type}`, 'PROTOCOL_ERROR');
    }
  }

  #sqlOf({ sql, sql_id }: { sql?: string | null | undefined; sql_id?: number | null | undefined }): string {
    if (typeof sql === 'string' && (sql_id === undefined || sql_id === null)) return sql;
    if (typeof sql_id === 'number' && (sql === undefined || sql === null)) {
      const stored = this.#storedSql.get(sql_id);
      if (stored === undefined) throw new ProtocolError(`SQL text ${sql_id} is not stored`, 'SQL_NOT_FOUND');
      return stored;
    }
    throw new ProtocolError('Exactly one of "sql" and "sql_id" must be given', 'PROTOCOL_ERROR');
  }

  async #withWriteAccess<T>(sql: string, run: () => T): Promise<T> {
    if (!this.#holdsWriterLock && mayWrite(sql)) {
      await this.#writerLock.acquire();
      this.#holdsWriterLock = true;
    }
    try {
      return run();
    } finally {
      this.#releaseWriterLockOutsideTransaction();
    }
  }

  #releaseWriterLockOutsideTransaction(): void {
    if (this.#holdsWriterLock && !(this.#engine.open && this.#engine.inTransaction)) {
      this.#holdsWriterLock = false;
      this.#writerLock.release();
    }
  }

  #execute(stmt: Stmt): Promise<StmtResult> {
    const sql = this.#sqlOf(stmt);
    return this.#withWriteAccess(sql, () => this.#executeNow(sql, stmt));
  }

  #executeNow(sql: string, stmt: Stmt): StmtResult {
    const statement = this.#engine.prepare(sql);
    statement.safeIntegers(true);
    const args = bindArguments(stmt);
    const before = this.#changeCounter();
    let rows: unknown[][] = [];
    let changes = 0;
    if (statement.reader) rows = statement.raw(true).all(...args) as unknown[][];
    else ({ changes } = statement.run(...args));
    const changed = this.#changeCounter() !== before;
    // RETURNING yields exactly one row per changed row. sqlite3_changes() keeps the last DML's count through BEGIN,
    // COMMIT and plain queries, so either count is trusted only when this statement changed something.
    const affected = changed ? (statement.reader ? rows.length : changes) : 0;
    return {
      cols: statement.reader ? statement.columns().map(({ name, type }) => ({ name, decltype: type })) : [],
      rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(encodeValue)),
      affected_row_count: affected,
      last_insert_rowid: changed ? this.#lastInsertRowid() : null,
    };
  }

  #changeCounter(): bigint {
    return this.#scalar('SELECT total_changes()');
  }

  #lastInsertRowid(): string {
    return String(this.#scalar('SELECT last_insert_rowid()'));
  }

  #scalar(sql: string): bigint {
    // all() steps the statement to its end; a get() would leave it active and block COMMIT ("statements in progress").
    const [[value]] = this.#engine.prepare(sql).safeIntegers(true).raw(true).all() as [[bigint]];
    return value;
  }

  async #batch(steps: Array<{ condition?: BatchCond | null; stmt: Stmt }>): Promise<BatchResult> {
    const result: BatchResult = { step_results: [], step_errors: [] };
    const holds = (cond: BatchCond): boolean => {
      switch (cond.type) {
        case 'ok':
          return result.step_results[cond.step] != null;
        case 'error':
          return result.step_errors[cond.step] != null;
        case 'not':
          return !holds(cond.cond);
        case 'and':
          return cond.conds.every(holds);
        case 'or':
          return cond.conds.some(holds);
        default:
          throw new ProtocolError(`Unknown batch condition: ${(cond as { type: string }).type}`, 'PROTOCOL_ERROR');
      }
    };
    for (const step of steps) {
      if (step.condition && !holds(step.condition)) {
        result.step_results.push(null);
        result.step_errors.push(null);
        continue;
      }
      try {
        result.step_results.push(await this.#execute(step.stmt));
        result.step_errors.push(null);
      } catch (error) {
        result.step_results.push(null);
        result.step_errors.push(toHranaError(error));
      }
    }
    return result;
  }

  #describe(sql: string): DescribeResult {
    const statement = this.#engine.prepare(sql);
    const plan = this.#engine.prepare(`EXPLAIN ${sql}`).raw(true).all() as unknown[][];
    // A write transaction on any database (Transaction opcode with p2 != 0) means the statement writes.
    const writes = plan.some(([, opcode, , p2]) => opcode === 'Transaction' && Number(p2) !== 0);
    return {
      params: parameterNames(sql).map((name) => ({ name })),
      cols: statement.reader ? statement.columns().map(({ name, type }) => ({ name, decltype: type })) : [],
      is_explain: /^\s*EXPLAIN\b/i.test(sql),
      is_readonly: !writes,
    };
  }
}

function bindArguments(stmt: Stmt): [SqliteValue[]] | [Record<string, SqliteValue>] | [] {
  const positional = (stmt.args ?? []).map(decodeValue);
  const named = stmt.named_args ?? [];
  if (named.length === 0) return positional.length ? [positional] : [];
  if (positional.length) throw new ProtocolError('Mixing positional and named arguments is not supported', 'PROTOCOL_ERROR');
  return [Object.fromEntries(named.map(({ name, value }) => [name.replace(/^[:@$]/, ''), decodeValue(value)]))];
}

/** Parameter names in order of first appearance, as SQLite numbers them (`?` is nameless). */
function parameterNames(sql: string): Array<string | null> {
  const names: Array<string | null> = [];
  const stripped = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  for (const [token] of stripped.matchAll(/\?\d*|[:@$][A-Za-z_][A-Za-z0-9_]*/g)) {
    if (token === '?') names.push(null);
    else if (/^\?\d+$/.test(token)) {
      const index = Number(token.slice(1)) - 1;
      while (names.length <= index) names.push(null);
      names[index] = token;
    } else if (!names.includes(token)) names.push(token);
  }
  return names;
}
