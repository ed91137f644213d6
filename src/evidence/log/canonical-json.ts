// RFC 8785 JSON Canonicalization Scheme (JCS): I-JSON values serialised with ECMAScript rules
// (Number::toString for numbers, JSON.stringify escaping for strings), no whitespace, and object
// members sorted by the UTF-16 code units of their names. One byte string per value.
import { fromUtf8, isWellFormedUnicode, utf8 } from './bytes';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function serialize(value: unknown, path: string, stack: Set<object>, out: string[]): void {
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not allowed in JSON`);
      out.push(JSON.stringify(value)); // ECMAScript Number::toString; -0 becomes 0
      return;
    case 'string':
      if (!isWellFormedUnicode(value)) throw new CanonicalJsonError(`${path}: string has a lone surrogate`);
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} is not a JSON value`);
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (stack.has(value)) throw new CanonicalJsonError(`${path}: cyclic value`);
  stack.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((v, i) => {
      if (i > 0) out.push(',');
      serialize(v, `${path}[${i}]`, stack, out);
    });
    out.push(']');
  } else {
    if (!isPlainObject(value)) throw new CanonicalJsonError(`${path}: only plain objects are JSON objects`);
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires. Undefined members are omitted.
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    out.push('{');
    keys.forEach((k, i) => {
      if (!isWellFormedUnicode(k)) throw new CanonicalJsonError(`${path}: member name has a lone surrogate`);
      if (i > 0) out.push(',');
      out.push(JSON.stringify(k), ':');
      serialize(record[k], `${path}.${k}`, stack, out);
    });
    out.push('}');
  }
  stack.delete(value);
}

/** The RFC 8785 canonical form of a JSON value. Throws CanonicalJsonError for anything outside I-JSON. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  serialize(value, '$', new Set(), out);
  return out.join('');
}

/** UTF-8 bytes of the canonical form. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}

/**
 * Parses UTF-8 JSON that must already be in canonical form (so each value has exactly one
 * encoding: no whitespace, sorted unique keys, shortest numbers). Throws CanonicalJsonError.
 */
export function parseCanonicalJson(bytes: Uint8Array): JsonValue {
  const text = fromUtf8(bytes);
  if (text === undefined) throw new CanonicalJsonError('not valid UTF-8');
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    throw new CanonicalJsonError('not valid JSON');
  }
  if (canonicalJson(value) !== text) throw new CanonicalJsonError('JSON is not in RFC 8785 canonical form');
  return value;
}
