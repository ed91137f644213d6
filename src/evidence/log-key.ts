// The log's Ed25519 signed-note key: generated on first use into the workspace keys folder, never
// replaced silently. A log that already has checkpoints refuses to start a new key: old checkpoints
// would no longer verify, so the key must be restored from a backup instead.
import type { Db } from '../db';
import { generateNoteKey, isValidKeyName, newNoteSigner, verifierKeyOf, type NoteSigner } from './log/index';
import { logRepository } from './log.repository';

/** Reads and writes key files (the workspace's readKeyFile / writeKeyFile: mode 0600, never overwritten). */
export interface KeyFiles {
  read(name: string): Promise<string | null>;
  write(name: string, content: string): Promise<void>;
}

export const LOG_KEY_FILE = 'log-signing.key';

export class LogKeyMissingError extends Error {
  override name = 'LogKeyMissingError';
}

export interface LogKey {
  signer: NoteSigner;
  /** The verifier key line: `<name>+<id>+<base64 public key>`. */
  verifierKey: string;
}

/** A key name from the origin: the origin itself when it is a valid note key name. */
export function keyNameFor(origin: string): string {
  if (isValidKeyName(origin)) return origin;
  const cleaned = origin.replace(/[\p{White_Space}\p{Cc}+]/gu, '-');
  return cleaned || 'vigil-log';
}

export class LogKeyHolder {
  #key: Promise<LogKey> | undefined;
  constructor(private readonly keys: KeyFiles, private readonly origin: string) {}

  /** The signing key; `db` must be the caller's transaction when one is open (PGlite has one connection). */
  get(db: Db): Promise<LogKey> {
    this.#key ??= this.#load(db).catch((err) => {
      this.#key = undefined;
      throw err;
    });
    return this.#key;
  }

  async #load(db: Db): Promise<LogKey> {
    let text = await this.keys.read(LOG_KEY_FILE);
    if (text === null) {
      const count = await logRepository.checkpointCount(db);
      if (count > 0) {
        throw new LogKeyMissingError(`the log signing key (keys/${LOG_KEY_FILE}) is missing, but the log already has ${count} signed checkpoints; restore the key from a backup (a new key would leave the old checkpoints unverifiable)`);
      }
      const { signerKey } = generateNoteKey(keyNameFor(this.origin));
      try {
        await this.keys.write(LOG_KEY_FILE, `${signerKey}\n`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
      }
      text = await this.keys.read(LOG_KEY_FILE);
      if (text === null) throw new LogKeyMissingError('the log signing key could not be written');
    }
    const signerKey = text.trim();
    return { signer: newNoteSigner(signerKey), verifierKey: verifierKeyOf(signerKey) };
  }
}
