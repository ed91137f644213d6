/**
 * Field encryption with the workspace keyring, for services: encrypt under the active key,
 * decrypt with the key an envelope names (reloading the keyring once when that key is new to this
 * process, e.g. after `vigil keys rotate` elsewhere), and the list of every encrypted column, which
 * rotation, the missing-keyring guard and the tests walk.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { decryptField, encryptField, FieldCryptoError, needsReencryption, type FieldContext } from './field-crypto';
import type { Keyring } from './keyring';
import type { DerivedKeyPurpose, FieldKeys } from './workspace-keys';

/** Every column that holds field envelopes; each table's row id is its uuid `id`. */
export const ENCRYPTED_COLUMNS = [
  { table: 'witnesses', column: 'identity_enc' },
  { table: 'witnesses', column: 'contact_enc' },
  { table: 'protected_details', column: 'value_enc' },
  { table: 'users', column: 'totp_secret_enc' },
] as const;
export type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];

export class FieldCipher {
  constructor(private readonly keys: FieldKeys, private readonly db: Db) {}

  /**
   * The keyring, created on first use unless encrypted values already exist without it. Call it
   * before opening a transaction that encrypts: its first call queries the database outside any
   * transaction (PGlite has one connection, which an open transaction holds).
   */
  async ring(): Promise<Keyring> {
    return this.keys.ensure(async () => (await countEncryptedValues(this.db)) === 0);
  }

  /** A key derived from the keyring for one purpose (pseudonyms, CSRF, throttle keys); creates the keyring on first use. */
  async derivedKey(purpose: DerivedKeyPurpose): Promise<Buffer> {
    await this.ring();
    return this.keys.derivedKey(purpose);
  }

  async encrypt(plaintext: string, context: FieldContext): Promise<string> {
    return encryptField(await this.ring(), plaintext, context);
  }

  async decrypt(envelope: string, context: FieldContext): Promise<string> {
    try {
      return decryptField(await this.ring(), envelope, context);
    } catch (error) {
      if (!(error instanceof FieldCryptoError) || error.code !== 'unknown_key') throw error;
      return decryptField(await this.keys.reload(), envelope, context);
    }
  }

  /**
   * Decrypts and, when the value is not under the active key (a rotation has not reached it yet),
   * re-encrypts it under the active key: the caller writes `envelope` back when `changed` (lazy rotation).
   */
  async open(envelope: string, context: FieldContext): Promise<{ plaintext: string; envelope: string; changed: boolean }> {
    const plaintext = await this.decrypt(envelope, context);
    const ring = await this.ring();
    if (!needsReencryption(ring, envelope)) return { plaintext, envelope, changed: false };
    return { plaintext, envelope: encryptField(ring, plaintext, context), changed: true };
  }
}

/** How many encrypted values the database holds, in all encrypted columns. */
export async function countEncryptedValues(db: Db): Promise<number> {
  const parts = ENCRYPTED_COLUMNS.map((c) => `(select count(*) from ${c.table} where ${c.column} is not null)`);
  const [row] = await queryRows<{ n: number }>(db, sql.raw(`select (${parts.join(' + ')})::int as n`));
  return Number(row?.n ?? 0);
}

/** Encrypted values per key id (the key named in each envelope), over every encrypted column. */
export async function countValuesByKey(db: Db): Promise<Record<string, number>> {
  const parts = ENCRYPTED_COLUMNS.map((c) => `select split_part(${c.column}, ':', 2) as key_id from ${c.table} where ${c.column} is not null`);
  const rows = await queryRows<{ key_id: string; n: number }>(db, sql.raw(`select key_id, count(*)::int as n from (${parts.join(' union all ')}) k group by key_id order by key_id`));
  return Object.fromEntries(rows.map((r) => [r.key_id, Number(r.n)]));
}
