import { rmSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface FolderLock { release(): Promise<void> }

export class FolderInUseError extends Error {
  constructor(public readonly dir: string, public readonly pid: number) {
    super(`the database in ${dir} is in use by process ${pid}; stop it first (PGlite allows one process per folder), or use its API`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file with our pid, so two processes never open one PGlite folder. Stale locks of dead processes are taken over. */
export async function acquireFolderLock(dir: string): Promise<FolderLock> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, '.vigil.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      let released = false;
      const releaseSync = () => {
        if (!released) {
          released = true;
          try { rmSync(path, { force: true }); } catch { /* ignore */ }
        }
      };
      process.once('exit', releaseSync);
      return {
        release: async () => {
          if (released) return;
          released = true;
          process.removeListener('exit', releaseSync);
          await rm(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && alive(pid)) throw new FolderInUseError(dir, pid);
      if (pid === process.pid) throw new FolderInUseError(dir, pid);
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
