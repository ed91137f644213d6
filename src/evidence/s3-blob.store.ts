// S3-compatible blob store (AWS S3, MinIO, Garage, …): <prefix>sha256/ab/cd/<hash>. The object
// key is the hash, which is only known after the last byte, so uploads are spooled to a local
// temporary file while hashing (constant memory), then sent with a known length: one PUT up to
// `multipartThreshold`, a multipart upload above it. The AWS SDK (≈ 25 MB of memory) is loaded on
// first use, so processes that never touch S3 do not carry it.
import type { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobNotFoundError, blobKey, HashingMeter, spoolToFile, type BlobStore, type PutOptions, type StoredBlob } from './blob.store';

export interface S3BlobConfig {
  bucket: string;
  prefix?: string;
  region?: string;
  endpoint?: string;
  /** Explicit credentials; otherwise the AWS default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Single PUT up to this size (S3 allows 5 GiB); multipart above it. */
  multipartThreshold?: number;
  partSize?: number;
  /** Where uploads are spooled while hashing (default the OS temp folder). */
  spoolDir?: string;
}

const notFound = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

type Sdk = typeof import('@aws-sdk/client-s3');

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  readonly #prefix: string;
  #sdk: Promise<{ sdk: Sdk; client: S3Client }> | null = null;

  constructor(private readonly cfg: S3BlobConfig) {
    this.#prefix = cfg.prefix ?? '';
  }

  /** The SDK and the client, loaded and built on first use. */
  #s3(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.#sdk ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: this.cfg.region ?? 'us-east-1',
        ...(this.cfg.endpoint ? { endpoint: this.cfg.endpoint, forcePathStyle: true } : {}),
        ...(this.cfg.credentials ? { credentials: this.cfg.credentials } : {}),
        // Plain Content-Length uploads: no aws-chunked trailers, which many S3-compatible servers lack.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.#sdk;
  }

  #key(sha256: string): string {
    return this.#prefix + blobKey(sha256);
  }

  localPath(): undefined {
    return undefined;
  }

  async put(source: Readable | AsyncIterable<Uint8Array>, opts: PutOptions = {}): Promise<StoredBlob> {
    const dir = await mkdtemp(join(this.cfg.spoolDir ?? tmpdir(), 'vigil-s3-'));
    const spool = join(dir, randomUUID());
    try {
      const meter = new HashingMeter(opts);
      await spoolToFile(source, meter, spool);
      const r = meter.result();
      await opts.inspect?.(r);
      if (await this.stat(r.sha256)) return { ...r, existed: true };
      if (r.size <= (this.cfg.multipartThreshold ?? 5 * 2 ** 30)) {
        const { sdk, client } = await this.#s3();
        await client.send(new sdk.PutObjectCommand({
          Bucket: this.cfg.bucket, Key: this.#key(r.sha256), ContentLength: r.size,
          Body: createReadStream(spool, { highWaterMark: 1 << 20 }), ContentType: 'application/octet-stream',
        }));
      } else {
        await this.#multipart(r.sha256, spool, r.size);
      }
      return { ...r, existed: false };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async #multipart(sha256: string, file: string, size: number): Promise<void> {
    const Key = this.#key(sha256);
    const Bucket = this.cfg.bucket;
    const partSize = Math.max(this.cfg.partSize ?? 64 * 2 ** 20, 1);
    const { sdk, client } = await this.#s3();
    const { UploadId } = await client.send(new sdk.CreateMultipartUploadCommand({ Bucket, Key }));
    try {
      const parts: { ETag?: string; PartNumber: number }[] = [];
      for (let start = 0, n = 1; start < size; start += partSize, n++) {
        const end = Math.min(size, start + partSize);
        const res = await client.send(new sdk.UploadPartCommand({
          Bucket, Key, UploadId, PartNumber: n, ContentLength: end - start,
          Body: createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 20 }),
        }));
        parts.push({ ETag: res.ETag, PartNumber: n });
      }
      await client.send(new sdk.CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (err) {
      await client.send(new sdk.AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => {});
      throw err;
    }
  }

  async open(sha256: string): Promise<Readable> {
    const { sdk, client } = await this.#s3();
    try {
      const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.cfg.bucket, Key: this.#key(sha256) }));
      return res.Body as Readable;
    } catch (err) {
      if (notFound(err)) throw new BlobNotFoundError(sha256);
      throw err;
    }
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    const { sdk, client } = await this.#s3();
    try {
      const res = await client.send(new sdk.HeadObjectCommand({ Bucket: this.cfg.bucket, Key: this.#key(sha256) }));
      return { size: Number(res.ContentLength ?? 0) };
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  async *list(): AsyncIterable<string> {
    let token: string | undefined;
    const Prefix = `${this.#prefix}sha256/`;
    const { sdk, client } = await this.#s3();
    do {
      const res = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.cfg.bucket, Prefix, ContinuationToken: token }));
      for (const o of res.Contents ?? []) if (o.Key) yield o.Key.slice(o.Key.lastIndexOf('/') + 1);
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    if (this.#sdk) (await this.#sdk).client.destroy();
  }
}
