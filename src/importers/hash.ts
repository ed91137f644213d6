/** SHA-256 and a canonical JSON form (sorted keys, NFC strings) for content hashes. */
import { createHash } from 'node:crypto';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Text made only of Latin (up to U+02FF) and Cyrillic (U+0400–U+04FF) characters is already NFC. */
const SURELY_NFC = /^[\u0000-\u02ff\u0400-\u04ff]*$/;
const nfc = (s: string) => (SURELY_NFC.test(s) ? s : s.normalize('NFC'));

/** JSON with object keys sorted and strings NFC-normalised; undefined members dropped. Deterministic. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(value: unknown, out: string[]): void {
  if (value === null || value === undefined) { out.push('null'); return; }
  switch (typeof value) {
    case 'string': out.push(JSON.stringify(nfc(value))); return;
    case 'number': out.push(Number.isFinite(value) ? JSON.stringify(value) : 'null'); return;
    case 'boolean': out.push(value ? 'true' : 'false'); return;
    case 'object': break;
    default: out.push('null'); return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      write(value[i], out);
    }
    out.push(']');
    return;
  }
  if (value instanceof Date) { out.push(JSON.stringify(value.toISOString())); return; }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  out.push('{');
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out.push(',');
    out.push(JSON.stringify(nfc(keys[i])), ':');
    write(obj[keys[i]], out);
  }
  out.push('}');
}
