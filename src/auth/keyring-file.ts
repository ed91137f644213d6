/**
 * Reading and writing the keyring file. The only I/O in `auth/`: the file holds secret keys, so it
 * is refused unless it is a regular file that neither group nor others can access (0600 or 0400).
 * The permission check is skipped on Windows, where POSIX modes do not describe access.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { Keyring, KeyringError, parseKeyring, serializeKeyring } from './keyring';

const checksModes = process.platform !== 'win32';

/** Loads a keyring from `path`; throws KeyringError if the file is missing, a symlink, too open, or malformed. */
export async function loadKeyringFile(path: string): Promise<Keyring> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KeyringError(`keyring file ${path} does not exist`);
    throw error;
  }
  if (!info.isFile()) throw new KeyringError(`keyring file ${path} is not a regular file`);
  if (checksModes && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new KeyringError(`keyring file ${path} has mode ${mode}; it must be readable by its owner only (chmod 600 ${path})`);
  }
  return parseKeyring(await readFile(path, 'utf8'));
}

/**
 * Writes a keyring to `path` with mode 0600, atomically (temporary file in the same folder, fsync,
 * rename), so a crash never leaves a half-written keyring. Refuses to replace an existing file
 * unless `overwrite` is set.
 */
export async function saveKeyringFile(path: string, ring: Keyring, options: { overwrite?: boolean } = {}): Promise<void> {
  if (!options.overwrite) {
    const exists = await lstat(path).then(() => true, () => false);
    if (exists) throw new KeyringError(`keyring file ${path} already exists`);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(serializeKeyring(ring), 'utf8');
    await handle.chmod(0o600);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}
