import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The workspace's key folder (log signing key, field-encryption keyring); files mode 0600, folder 0700. */
export const keysDir = (workspaceDir: string) => join(workspaceDir, 'keys');

export async function readKeyFile(workspaceDir: string, name: string): Promise<string | null> {
  const path = join(keysDir(workspaceDir), name);
  try {
    const st = await stat(path);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new Error(`${path} is readable by other users (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 on it`);
    }
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Writes a new key file; never overwrites one (keys are replaced only by explicit rotation). */
export async function writeKeyFile(workspaceDir: string, name: string, content: string): Promise<void> {
  const dir = keysDir(workspaceDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await writeFile(join(dir, name), content, { mode: 0o600, flag: 'wx' });
}
