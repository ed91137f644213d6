/**
 * Keyring for field encryption: named 32-byte AES-256 keys, exactly one of them active.
 * New values are always encrypted with the active key; any key still in the ring can decrypt.
 *
 * Rotation without downtime:
 *   1. `ring.withNewActiveKey()` → save the ring (old keys stay, so old values still decrypt);
 *   2. migrate lazily (`reencryptField` when a row is written) or in a batch (`reencryptFields`);
 *   3. once no value names the old key, `ring.withoutKey(oldId)` → save.
 *
 * A Keyring is immutable; the "with…" methods return a new one. Key bytes are copied in and out,
 * and never appear in `JSON.stringify` or `console.log` of the ring. Serialisation: `serializeKeyring`.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const KEY_BYTES = 32;
/** Key ids appear inside envelopes ("v1:<keyId>:…"), so they are short and never contain ":". */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export class KeyringError extends Error {
  override name = 'KeyringError';
}

export interface KeyringInput {
  activeKeyId: string;
  keys: Record<string, Uint8Array> | ReadonlyMap<string, Uint8Array>;
  /** Separate key for blind indexes (HMAC); it never rotates with the encryption keys, because every index would change. */
  blindIndexKey?: Uint8Array;
}

function checkKey(id: string, key: Uint8Array): Buffer {
  if (!KEY_ID_PATTERN.test(id)) throw new KeyringError(`key id "${id}" must be 1–64 characters of A–Z a–z 0–9 _ -`);
  if (key.length !== KEY_BYTES) throw new KeyringError(`key "${id}" has ${key.length} bytes, not ${KEY_BYTES}`);
  return Buffer.from(key);
}

/** A key id of the form "k20250314-9f3a1c": the creation day (readable in envelopes) and random hex. */
export function generateKeyId(now: Date = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
}

export class Keyring {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #blindIndexKey: Buffer | undefined;
  readonly activeKeyId: string;

  private constructor(activeKeyId: string, keys: Map<string, Buffer>, blindIndexKey: Buffer | undefined) {
    this.activeKeyId = activeKeyId;
    this.#keys = keys;
    this.#blindIndexKey = blindIndexKey;
  }

  static create(input: KeyringInput): Keyring {
    const entries = input.keys instanceof Map ? [...input.keys.entries()] : Object.entries(input.keys);
    const keys = new Map<string, Buffer>();
    for (const [id, key] of entries) keys.set(id, checkKey(id, key));
    if (!keys.has(input.activeKeyId)) throw new KeyringError(`active key "${input.activeKeyId}" is not in the keyring`);
    let indexKey: Buffer | undefined;
    if (input.blindIndexKey !== undefined) {
      if (input.blindIndexKey.length < 32) throw new KeyringError('the blind index key needs at least 32 bytes');
      indexKey = Buffer.from(input.blindIndexKey);
    }
    return new Keyring(input.activeKeyId, keys, indexKey);
  }

  /** A new keyring with one random active key and a random blind index key. */
  static generate(options: { keyId?: string; now?: Date } = {}): Keyring {
    const id = options.keyId ?? generateKeyId(options.now);
    return Keyring.create({ activeKeyId: id, keys: { [id]: randomBytes(KEY_BYTES) }, blindIndexKey: randomBytes(32) });
  }

  /** Key ids in the ring, in insertion order. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  has(keyId: string): boolean {
    return this.#keys.has(keyId);
  }

  /** A copy of the key with this id; throws KeyringError if the ring does not hold it. */
  key(keyId: string): Buffer {
    const key = this.#keys.get(keyId);
    if (!key) throw new KeyringError(`key "${keyId}" is not in the keyring`);
    return Buffer.from(key);
  }

  activeKey(): { id: string; key: Buffer } {
    return { id: this.activeKeyId, key: this.key(this.activeKeyId) };
  }

  /** A copy of the blind index key; throws if this ring has none. */
  blindIndexKey(): Buffer {
    if (!this.#blindIndexKey) throw new KeyringError('the keyring has no blind index key');
    return Buffer.from(this.#blindIndexKey);
  }

  get hasBlindIndexKey(): boolean {
    return this.#blindIndexKey !== undefined;
  }

  /** Rotation step 1: adds a new key (random unless given) and makes it active; old keys stay for decryption. */
  withNewActiveKey(options: { keyId?: string; key?: Uint8Array; now?: Date } = {}): Keyring {
    const id = options.keyId ?? generateKeyId(options.now);
    if (this.#keys.has(id)) throw new KeyringError(`key "${id}" is already in the keyring`);
    const keys = new Map(this.#keys);
    keys.set(id, checkKey(id, options.key ?? randomBytes(KEY_BYTES)));
    return new Keyring(id, keys, this.#blindIndexKey);
  }

  /** Makes an existing key the active one (e.g. to roll back a rotation). */
  withActiveKey(keyId: string): Keyring {
    if (!this.#keys.has(keyId)) throw new KeyringError(`key "${keyId}" is not in the keyring`);
    return new Keyring(keyId, new Map(this.#keys), this.#blindIndexKey);
  }

  /** Rotation step 3: drops a retired key. Only after no stored value names it any more; the active key cannot be dropped. */
  withoutKey(keyId: string): Keyring {
    if (keyId === this.activeKeyId) throw new KeyringError('the active key cannot be removed');
    if (!this.#keys.has(keyId)) throw new KeyringError(`key "${keyId}" is not in the keyring`);
    const keys = new Map(this.#keys);
    keys.delete(keyId);
    return new Keyring(this.activeKeyId, keys, this.#blindIndexKey);
  }

  /** Never serialises key bytes by accident. */
  toJSON(): { activeKeyId: string; keyIds: string[] } {
    return { activeKeyId: this.activeKeyId, keyIds: this.keyIds };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Keyring { active: ${this.activeKeyId}, keys: [${this.keyIds.join(', ')}] }`;
  }
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** The keyring file: JSON, keys in base64. */
export const keyringFileSchema = z.strictObject({
  format: z.literal('vigil-keyring'),
  version: z.literal(1),
  activeKeyId: z.string(),
  keys: z.record(z.string(), base64),
  blindIndexKey: base64.optional(),
});
export type KeyringFile = z.infer<typeof keyringFileSchema>;

/** Keyring → the JSON text of a keyring file (contains the secret keys: store with mode 0600). */
export function serializeKeyring(ring: Keyring): string {
  const file: KeyringFile = {
    format: 'vigil-keyring',
    version: 1,
    activeKeyId: ring.activeKeyId,
    keys: Object.fromEntries(ring.keyIds.map((id) => [id, ring.key(id).toString('base64')])),
  };
  if (ring.hasBlindIndexKey) file.blindIndexKey = ring.blindIndexKey().toString('base64');
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The JSON text of a keyring file → Keyring; throws KeyringError with the reason (never with key material). */
export function parseKeyring(text: string): Keyring {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyringError('keyring file is not valid JSON');
  }
  const parsed = keyringFileSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new KeyringError(`keyring file is not a vigil keyring (${where})`);
  }
  const file = parsed.data;
  return Keyring.create({
    activeKeyId: file.activeKeyId,
    keys: Object.fromEntries(Object.entries(file.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')])),
    blindIndexKey: file.blindIndexKey === undefined ? undefined : Buffer.from(file.blindIndexKey, 'base64'),
  });
}
