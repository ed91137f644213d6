/**
 * Rotation of the field-encryption keys without downtime:
 *
 *   1. `rotate()` adds a new active key to keys/fields.keyring; the old keys stay, so every stored
 *      value still decrypts, and running servers pick the new ring up by themselves;
 *   2. `reencryptAll()` moves every value to the active key in small batches (each row is updated
 *      only if it still holds the envelope that was read, so a concurrent write is never lost);
 *      values are also moved lazily when they are read;
 *   3. `retire(keyId)` drops an old key once no stored value names it.
 */
import { sql } from 'drizzle-orm';
import { ConflictError } from '../domain';
import { queryRows, type Db } from '../db';
import { countValuesByKey, ENCRYPTED_COLUMNS, type FieldCipher } from './field-cipher';
import type { FieldKeys } from './workspace-keys';

export interface KeyStatus {
  activeKeyId: string;
  keyIds: string[];
  /** Encrypted values per key id named in their envelopes. */
  valuesByKey: Record<string, number>;
}

export class KeyRotationService {
  constructor(private readonly db: Db, private readonly keys: FieldKeys, private readonly cipher: FieldCipher) {}

  async status(): Promise<KeyStatus> {
    const ring = await this.cipher.ring();
    return { activeKeyId: ring.activeKeyId, keyIds: ring.keyIds, valuesByKey: await countValuesByKey(this.db) };
  }

  async rotate(): Promise<{ previous: string; active: string }> {
    await this.cipher.ring();
    return this.keys.rotate();
  }

  /** Re-encrypts every value not under the active key, `batchSize` rows at a time. */
  async reencryptAll(options: { batchSize?: number; onBatch?: (done: number) => void } = {}): Promise<{ changed: number }> {
    const batchSize = options.batchSize ?? 200;
    const active = (await this.keys.reload()).activeKeyId;
    let changed = 0;
    for (const { table, column } of ENCRYPTED_COLUMNS) {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await queryRows<{ id: string; value: string }>(this.db, sql`
          select id::text as id, ${sql.identifier(column)} as value from ${sql.identifier(table)}
           where ${sql.identifier(column)} is not null and split_part(${sql.identifier(column)}, ':', 2) <> ${active} and id > ${after}::uuid
           order by id limit ${batchSize}`);
        if (!rows.length) break;
        for (const row of rows) {
          const { envelope, changed: moved } = await this.cipher.open(row.value, { table, column, rowId: row.id });
          if (!moved) continue;
          const done = await queryRows<{ id: string }>(this.db, sql`
            update ${sql.identifier(table)} set ${sql.identifier(column)} = ${envelope}
             where id = ${row.id}::uuid and ${sql.identifier(column)} = ${row.value} returning id`);
          changed += done.length;
        }
        after = rows[rows.length - 1].id;
        options.onBatch?.(changed);
      }
    }
    return { changed };
  }

  /** Drops a key from the ring; refused while any stored value still names it. */
  async retire(keyId: string): Promise<void> {
    const remaining = (await countValuesByKey(this.db))[keyId] ?? 0;
    if (remaining > 0) throw new ConflictError(`${remaining} encrypted values still use key ${keyId}; run \`vigil keys rotate --reencrypt-only\` first`);
    await this.keys.retire(keyId);
  }
}
