/**
 * The workspace's field-encryption keyring on disk (`keys/fields.keyring`, mode 0600, outside the
 * database) and the keys derived from it.
 *
 * - Loaded lazily and cached; the file's modification time is checked again at most every
 *   `recheckMs`, so a server picks up a rotation made by `vigil keys rotate` in another process
 *   without a restart, and a value under a key it has not seen yet triggers an immediate reload.
 * - Created on the workspace's creation, or on first use — but never when the database already
 *   holds encrypted values: a missing keyring then means lost keys, and a fresh one would only hide that.
 * - Derived keys (HKDF-SHA-256 of the blind-index key, which never rotates) serve purposes that
 *   must stay stable across rotations: witness pseudonyms, CSRF tokens, keyed hashes in the throttle,
 *   opaque references in the public evidence log.
 */
import { hkdfSync } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Keyring, KeyringError } from './keyring';
import { loadKeyringFile, saveKeyringFile } from './keyring-file';

export const FIELD_KEYRING_FILE = 'fields.keyring';

export type DerivedKeyPurpose = 'witness-pseudonym' | 'csrf' | 'throttle-key' | 'log-ref';

export interface FieldKeysOptions {
  /** How often (ms) to look at the file's modification time for a rotation by another process (default 5 s). */
  recheckMs?: number;
  now?: () => number;
}

export class FieldKeys {
  #ring: Keyring | null = null;
  #mtimeMs = 0;
  #checkedAt = 0;
  #derived = new Map<DerivedKeyPurpose, Buffer>();
  readonly #recheckMs: number;
  readonly #now: () => number;

  constructor(readonly path: string, options: FieldKeysOptions = {}) {
    this.#recheckMs = options.recheckMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  static inKeysDir(keysDir: string, options?: FieldKeysOptions): FieldKeys {
    return new FieldKeys(join(keysDir, FIELD_KEYRING_FILE), options);
  }

  async exists(): Promise<boolean> {
    return stat(this.path).then(() => true, () => false);
  }

  /**
   * The keyring, creating it when the file is missing and `mayCreate()` (asked only then) says
   * nothing encrypted exists yet.
   */
  async ensure(mayCreate: () => Promise<boolean>): Promise<Keyring> {
    if (this.#ring || (await this.exists())) return this.ring();
    if (!(await mayCreate())) {
      throw new KeyringError(`the field-encryption keyring ${this.path} is missing, but the database holds values encrypted with it; restore keys/ from a backup`);
    }
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const ring = Keyring.generate();
    try {
      await saveKeyringFile(this.path, ring);
    } catch (error) {
      if (!(await this.exists())) throw error; // another process created it first: use theirs
    }
    return this.reload();
  }

  /** The current keyring (cached; re-read when the file changed). Throws KeyringError when the file is missing. */
  async ring(): Promise<Keyring> {
    const now = this.#now();
    if (this.#ring && now - this.#checkedAt < this.#recheckMs) return this.#ring;
    if (this.#ring) {
      this.#checkedAt = now;
      const info = await stat(this.path).catch(() => null);
      if (info && info.mtimeMs === this.#mtimeMs) return this.#ring;
    }
    return this.reload();
  }

  /** Reads the file again (after a rotation, or when a value names a key this process has not seen). */
  async reload(): Promise<Keyring> {
    const ring = await loadKeyringFile(this.path);
    const info = await stat(this.path);
    this.#ring = ring;
    this.#mtimeMs = info.mtimeMs;
    this.#checkedAt = this.#now();
    return ring;
  }

  /** Rotation step 1: a new active key; old keys stay so that every stored value still decrypts. */
  async rotate(): Promise<{ previous: string; active: string }> {
    const ring = await this.reload();
    const next = ring.withNewActiveKey();
    await saveKeyringFile(this.path, next, { overwrite: true });
    await this.reload();
    return { previous: ring.activeKeyId, active: next.activeKeyId };
  }

  /** Rotation step 3: drops a retired key. The caller checks first that no stored value names it. */
  async retire(keyId: string): Promise<void> {
    const ring = await this.reload();
    await saveKeyringFile(this.path, ring.withoutKey(keyId), { overwrite: true });
    await this.reload();
  }

  /** A 32-byte key for one purpose, derived from the blind-index key (stable across rotations). */
  async derivedKey(purpose: DerivedKeyPurpose): Promise<Buffer> {
    const cached = this.#derived.get(purpose);
    if (cached) return cached;
    const ring = await this.ring();
    const key = Buffer.from(hkdfSync('sha256', ring.blindIndexKey(), Buffer.from('vigil.workspace-keys.v1'), Buffer.from(purpose), 32));
    this.#derived.set(purpose, key);
    return key;
  }
}
