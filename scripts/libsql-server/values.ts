import { ProtocolError, type Value } from './protocol.ts';

export type SqliteValue = null | bigint | number | string | Buffer;

/** Hrana value to what the engine binds. Integers travel as strings so values past 2^53 survive. */
export function decodeValue(value: Value): SqliteValue {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      if (!/^-?\d+$/.test(value.value)) throw new ProtocolError(`Invalid integer value: ${value.value}`, 'PROTOCOL_ERROR');
      return BigInt(value.value);
    case 'float':
      return Number(value.value);
    case 'text':
      return value.value;
    case 'blob':
      return Buffer.from(value.base64, 'base64');
    default:
      throw new ProtocolError(`Unknown value type: ${(value as { type: string }).type}`, 'PROTOCOL_ERROR');
  }
}

/** Engine value (read with safe integers on) to its Hrana encoding. */
export function encodeValue(value: unknown): Value {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  // With safe integers on, INTEGER columns arrive as bigint, so every number is a REAL.
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  }
  throw new ProtocolError(`Cannot encode a value of type ${typeof value}`);
}
