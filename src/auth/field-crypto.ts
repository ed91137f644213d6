/**
 * Field encryption at rest: AES-256-GCM envelopes
 *
 *     v1:<keyId>:<base64 iv>:<base64 ciphertext+tag>
 *
 * with a random 96-bit IV per value and a 128-bit tag. The additional authenticated data binds the
 * ciphertext to where it is stored — table, column, row id — and to its version and key id, so an
 * envelope copied to another row or column, or relabelled with another key id, fails to decrypt.
 * The row id must therefore be known before the insert (application-generated ids).
 *
 * A random 96-bit IV allows about 2^32 encryptions per key (NIST SP 800-38D §8.3); rotate well
 * before. `blindIndex` gives a keyed hash for equality lookups on an encrypted column.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { KEY_ID_PATTERN, type Keyring } from './keyring';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Where an encrypted value lives; part of the AAD. */
export interface FieldContext {
  table: string;
  column: string;
  rowId: string | number | bigint;
}

export type FieldCryptoErrorCode = 'malformed' | 'unknown_key' | 'authentication_failed';

export class FieldCryptoError extends Error {
  override name = 'FieldCryptoError';
  constructor(readonly code: FieldCryptoErrorCode, message: string) {
    super(message);
  }
}

interface Envelope { keyId: string; iv: Buffer; sealed: Buffer }

function decodeBase64(text: string): Buffer | null {
  return STRICT_BASE64.test(text) ? Buffer.from(text, 'base64') : null;
}

function parseEnvelope(envelope: string): Envelope {
  const parts = envelope.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new FieldCryptoError('malformed', 'not a v1 field envelope');
  const [, keyId, ivText, sealedText] = parts;
  if (!KEY_ID_PATTERN.test(keyId)) throw new FieldCryptoError('malformed', 'field envelope has an invalid key id');
  const iv = decodeBase64(ivText);
  const sealed = decodeBase64(sealedText);
  if (!iv || iv.length !== IV_BYTES) throw new FieldCryptoError('malformed', 'field envelope has an invalid IV');
  if (!sealed || sealed.length < TAG_BYTES) throw new FieldCryptoError('malformed', 'field envelope has an invalid ciphertext');
  return { keyId, iv, sealed };
}

function aad(keyId: string, context: FieldContext): Buffer {
  for (const part of ['table', 'column'] as const) {
    if (typeof context[part] !== 'string' || context[part] === '') throw new TypeError(`field context needs a ${part}`);
  }
  const rowId = String(context.rowId);
  if (rowId === '') throw new TypeError('field context needs a row id');
  // A JSON array is an unambiguous encoding: no choice of names can make two contexts collide.
  return Buffer.from(JSON.stringify(['vigil.field', VERSION, keyId, context.table, context.column, rowId]), 'utf8');
}

/** Encrypts a field value with the keyring's active key, bound to its table/column/row. */
export function encryptField(ring: Keyring, plaintext: string, context: FieldContext): string {
  const { id, key } = ring.activeKey();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(id, context));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}:${id}:${iv.toString('base64')}:${sealed.toString('base64')}`;
}

/**
 * Decrypts an envelope with the key it names. Throws FieldCryptoError: `malformed` (not an
 * envelope), `unknown_key` (the ring lacks that key), `authentication_failed` (tampered, wrong
 * key, or moved from another table/column/row).
 */
export function decryptField(ring: Keyring, envelope: string, context: FieldContext): string {
  const { keyId, iv, sealed } = parseEnvelope(envelope);
  if (!ring.has(keyId)) throw new FieldCryptoError('unknown_key', `field was encrypted with key "${keyId}", which the keyring does not hold`);
  const decipher = createDecipheriv('aes-256-gcm', ring.key(keyId), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(keyId, context));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldCryptoError('authentication_failed', `field ${context.table}.${context.column} failed authentication (tampered, or not from this row)`);
  }
}

/** The key id an envelope names, without decrypting; throws FieldCryptoError('malformed') if it is not an envelope. */
export function envelopeKeyId(envelope: string): string {
  return parseEnvelope(envelope).keyId;
}

/** True when the value is not under the active key (cheap: no decryption), i.e. a rotation has yet to reach it. */
export function needsReencryption(ring: Keyring, envelope: string): boolean {
  return envelopeKeyId(envelope) !== ring.activeKeyId;
}

/**
 * Lazy migration after a rotation: decrypts and re-encrypts under the active key. Values already
 * under the active key are returned unchanged (`changed: false`), so the caller writes only when needed.
 */
export function reencryptField(ring: Keyring, envelope: string, context: FieldContext): { value: string; changed: boolean } {
  if (!needsReencryption(ring, envelope)) {
    decryptField(ring, envelope, context); // still authenticate: never vouch for a value we did not check
    return { value: envelope, changed: false };
  }
  return { value: encryptField(ring, decryptField(ring, envelope, context), context), changed: true };
}

/** Batch migration: the items that changed, with their new envelopes; a bad item throws with its index. */
export function reencryptFields<T extends { value: string; context: FieldContext }>(ring: Keyring, items: Iterable<T>): T[] {
  const changed: T[] = [];
  let index = 0;
  for (const item of items) {
    let result: { value: string; changed: boolean };
    try {
      result = reencryptField(ring, item.value, item.context);
    } catch (error) {
      if (error instanceof FieldCryptoError) throw new FieldCryptoError(error.code, `item ${index}: ${error.message}`);
      throw error;
    }
    if (result.changed) changed.push({ ...item, value: result.value });
    index++;
  }
  return changed;
}

/**
 * Blind index for equality lookups on an encrypted field: hex HMAC-SHA-256 of the value under a
 * key kept apart from the encryption keys (`ring.blindIndexKey()`). Pass a `domain` (e.g.
 * "persons.full_name") so equal values in different columns do not share an index. Normalise the
 * value first (trim, case, Unicode form) exactly as the lookup will.
 */
export function blindIndex(value: string, key: Uint8Array, domain = ''): string {
  if (key.length < 32) throw new RangeError('a blind index key needs at least 32 bytes');
  if (domain.includes('\u0000')) throw new RangeError('a blind index domain must not contain NUL');
  return createHmac('sha256', key).update(`vigil.blind-index\u0000${domain}\u0000`, 'utf8').update(value, 'utf8').digest('hex');
}
