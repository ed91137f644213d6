// Filesystem blob store: <root>/sha256/ab/cd/<hash>. Written to <root>/tmp first, fsynced, then
// renamed into place (atomic on one filesystem) and the folder fsynced, so a crash leaves either
// nothing or the complete file.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, opendir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobNotFoundError, blobKey, HashingMeter, SHA256_HEX, spoolToFile, type BlobStore, type PutOptions, type StoredBlob } from './blob.store';

async function fsyncPath(path: string, flags = 'r'): Promise<void> {
  const fh = await open(path, flags);
  try {
    await fh.sync();
  } catch (err) {
    // Some filesystems refuse fsync on folders; the file itself was synced already.
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL' && (err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
  } finally {
    await fh.close();
  }
}

export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  constructor(readonly root: string) {}

  localPath(sha256: string): string {
    return join(this.root, blobKey(sha256));
  }

  async put(source: Readable | AsyncIterable<Uint8Array>, opts: PutOptions = {}): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const meter = new HashingMeter(opts);
    try {
      await spoolToFile(source, meter, tmp);
      const r = meter.result();
      await opts.inspect?.(r);
      const final = this.localPath(r.sha256);
      if (await stat(final).then(() => true, () => false)) {
        await rm(tmp, { force: true });
        return { ...r, existed: true };
      }
      await fsyncPath(tmp, 'r+');
      await mkdir(dirname(final), { recursive: true });
      await rename(tmp, final);
      await fsyncPath(dirname(final));
      return { ...r, existed: false };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async open(sha256: string): Promise<Readable> {
    const path = this.localPath(sha256);
    const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new BlobNotFoundError(sha256) : err;
    });
    return createReadStream('', { fd: fh, highWaterMark: 1 << 20 });
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      return { size: (await stat(this.localPath(sha256))).size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async *list(): AsyncIterable<string> {
    const base = join(this.root, 'sha256');
    async function* walk(dir: string, depth: number): AsyncIterable<string> {
      let d;
      try {
        d = await opendir(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for await (const e of d) {
        if (depth < 2 && e.isDirectory()) yield* walk(join(dir, e.name), depth + 1);
        // Anything else at the leaf level is reported by name, so verify can flag strays too.
        else if (depth === 2) yield e.name;
      }
    }
    yield* walk(base, 0);
  }
}

export const isBlobName = (name: string): boolean => SHA256_HEX.test(name);
