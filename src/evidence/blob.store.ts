// Content-addressed blob storage: every file is stored once under its SHA-256, whatever its name.
// Bytes stream through a hashing meter (constant memory) into a temporary object that becomes the
// content-addressed object only once its hash is known and any inspection has accepted it.
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Bytes kept from the start of every file for type sniffing and metadata (EXIF sits near the start). */
export const HEAD_BYTES = 1 << 20;

export interface StoredBlob {
  sha256: string;
  size: number;
  /** True when the store already held these bytes (a duplicate: nothing new was written). */
  existed: boolean;
  /** The first HEAD_BYTES bytes (or all of a smaller file). */
  head: Buffer;
}

export interface PutOptions {
  /** Refuse (and discard) files larger than this many bytes. */
  maxBytes?: number;
  /** Called after the last byte, before the blob is committed; throwing discards the upload. */
  inspect?: (blob: Omit<StoredBlob, 'existed'>) => void | Promise<void>;
  /** Bytes received so far (for progress bars). */
  onProgress?: (bytes: number) => void;
}

export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /**
   * Streams bytes in, hashing them on the way; stores them once under their SHA-256. Takes one
   * chunk at a time and is done with it (hashed, written) before it asks for the next, so the
   * source may hand out the same buffer every time (`fileChunks`).
   */
  put(source: Readable | AsyncIterable<Uint8Array>, opts?: PutOptions): Promise<StoredBlob>;
  /** The bytes of a blob, streamed; throws BlobNotFoundError. */
  open(sha256: string): Promise<Readable>;
  /** Size of a stored blob, or null when absent. */
  stat(sha256: string): Promise<{ size: number } | null>;
  /** Every stored blob's name (its claimed SHA-256), in no particular order. */
  list(): AsyncIterable<string>;
  /** A local file holding the blob, when the store keeps blobs on this machine (for ffprobe). */
  localPath(sha256: string): string | undefined;
  /** Releases clients and connections. */
  close?(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
  constructor(readonly sha256: string) {
    super(`blob ${sha256} is not in the store`);
  }
}

export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
  readonly status = 413;
  /** For the server's problem+json mapping. */
  readonly statusCode = 413;
  readonly code = 'Payload too large';
  constructor(readonly maxBytes: number) {
    super(`file is larger than the limit of ${maxBytes} bytes`);
  }
}

export function checkSha256(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('not a lower-case SHA-256 hex digest');
  return sha256;
}

/** `sha256/ab/cd/<hash>`: the relative key of a blob in every store. */
export const blobKey = (sha256: string): string => `sha256/${checkSha256(sha256).slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

/** A pass-through stream that hashes, counts, keeps the head and enforces the size limit. */
export class HashingMeter extends Transform {
  readonly #hash: Hash = createHash('sha256');
  readonly #head: Buffer[] = [];
  #headLen = 0;
  size = 0;

  constructor(private readonly opts: Pick<PutOptions, 'maxBytes' | 'onProgress'> = {}) {
    super({ highWaterMark: 1 << 20 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.measure(chunk);
    } catch (err) {
      return cb(err as Error);
    }
    cb(null, chunk);
  }

  /** Counts, hashes and keeps the head of one chunk (a copy: the chunk's buffer may be reused); throws BlobTooLargeError. */
  measure(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.opts.maxBytes !== undefined && this.size > this.opts.maxBytes) throw new BlobTooLargeError(this.opts.maxBytes);
    this.#hash.update(chunk);
    if (this.#headLen < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.#headLen);
      this.#head.push(Buffer.from(part));
      this.#headLen += part.length;
    }
    this.opts.onProgress?.(this.size);
  }

  /** SHA-256 (hex) and head, once the stream has ended. */
  result(): { sha256: string; size: number; head: Buffer } {
    return { sha256: this.#hash.digest('hex'), size: this.size, head: Buffer.concat(this.#head) };
  }
}

/**
 * Writes a source into a new file (`wx`) through `meter`, one chunk at a time: each chunk is hashed
 * and on disk before the next one is read. Memory stays flat (no chunk waits in a stream buffer) and
 * a source may reuse its buffer (`fileChunks`).
 */
export async function spoolToFile(source: Readable | AsyncIterable<Uint8Array>, meter: HashingMeter, path: string): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      meter.measure(bytes);
      for (let done = 0; done < bytes.length;) done += (await fh.write(bytes, done, bytes.length - done)).bytesWritten;
    }
  } finally {
    await fh.close();
  }
}

/**
 * The bytes of a file in chunks of `chunkSize`, every chunk in the same buffer: no garbage per
 * chunk, so a 4 GiB file streams in a few MiB instead of the ≈ 40 MiB of buffers a read stream
 * leaves for the garbage collector. Only for a consumer that is done with a chunk before it asks for
 * the next one (`BlobStore.put`, `spoolToFile`, `hashStream`).
 */
export async function* fileChunks(path: string, chunkSize = 1 << 20): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafeSlow(chunkSize);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, chunkSize, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** SHA-256 and size of a stream (used by verify and benchmarks). */
export async function hashStream(source: AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    h.update(chunk);
    size += chunk.length;
  }
  return { sha256: h.digest('hex'), size };
}
