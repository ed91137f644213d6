/**
 * Base32 (RFC 4648 §6, alphabet A–Z 2–7) for TOTP secrets.
 * Decoding is strict about content and canonical form: it accepts lower case, ignores spaces and
 * hyphens (as people type secrets in groups), accepts padding or none, and rejects anything else
 * (foreign characters, impossible lengths, non-zero trailing bits), so every accepted text has
 * exactly one byte string.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));
/** Characters left in the last 8-character group → whether that length can occur. */
const VALID_TAIL = new Set([0, 2, 4, 5, 7]);

export class Base32Error extends Error {
  override name = 'Base32Error';
}

/** Encodes bytes as RFC 4648 base32; with `padding: false` the trailing "=" are left off (as otpauth URIs do). */
export function base32Encode(bytes: Uint8Array, options: { padding?: boolean } = {}): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  if (options.padding ?? true) while (out.length % 8 !== 0) out += '=';
  return out;
}

/** Decodes RFC 4648 base32; throws Base32Error on text that is not a canonical encoding. */
export function base32Decode(text: string): Buffer {
  const cleaned = text.replace(/[\s-]/g, '').toUpperCase();
  const body = cleaned.replace(/=+$/, '');
  const padded = cleaned.length !== body.length;
  if (padded && (body.length % 8 === 0 || cleaned.length !== body.length + 8 - (body.length % 8))) {
    throw new Base32Error('base32 padding does not complete the last 8-character group');
  }
  if (!VALID_TAIL.has(body.length % 8)) throw new Base32Error(`base32 text of ${body.length} characters cannot be complete`);
  const out = Buffer.alloc(Math.floor((body.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of body) {
    const value = LOOKUP.get(char);
    if (value === undefined) throw new Base32Error(`"${char}" is not a base32 character`);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw new Base32Error('base32 text has non-zero trailing bits (not canonical)');
  return out;
}
