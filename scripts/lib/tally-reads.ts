import type { StreamRequest } from '../libsql-server/protocol.ts';

/**
 * True for a batch that only reads the tally: what a tally request costs the database. A pledge's batch also reads
 * the tally, after its insert, and is not counted.
 */
export function isTallyRead(request: StreamRequest): boolean {
  if (request.type !== 'batch') return false;
  const sqls = request.batch.steps.map((step) => step.stmt.sql ?? '');
  return sqls.some((sql) => /\bfrom\s+"tally"/i.test(sql)) && sqls.every((sql) => /^\s*select\b/i.test(sql));
}
