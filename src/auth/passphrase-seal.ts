/**
 * Sealing a stream with a passphrase (backups): scrypt derives a 256-bit key from the passphrase
 * and a random salt; the stream is cut into chunks, each encrypted with AES-256-GCM under a nonce
 * made of a random prefix, the chunk counter and a "last chunk" flag (the STREAM construction of
 * Hoang, Reyhanitabar, Rogaway and Vizár), with the header as additional data. Reordered, dropped,
 * appended or truncated chunks, a changed header or a wrong passphrase all fail authentication.
 *
 *   "VIGIL-SEALED-1\n" <header JSON> "\n" then frames: uint32 BE length ‖ ciphertext ‖ 16-byte tag
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';

const MAGIC = 'VIGIL-SEALED-1\n';
const TAG_BYTES = 16;
const PREFIX_BYTES = 7;
const MAX_HEADER = 4096;

export interface SealOptions {
  /** scrypt cost N (power of two; default 2^17 = 128 MiB with r = 8: slow to guess on purpose). */
  cost?: number;
  /** Plaintext bytes per chunk (default 64 KiB). */
  chunkBytes?: number;
}

interface Header { kdf: 'scrypt'; N: number; r: number; p: number; salt: string; prefix: string; chunk: number }

export class SealError extends Error {
  override name = 'SealError';
}

function deriveKey(passphrase: string, h: Header): Promise<Buffer> {
  if (passphrase.length === 0) throw new SealError('the passphrase is empty');
  const options: ScryptOptions = { N: h.N, r: h.r, p: h.p, maxmem: 256 * h.N * h.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(passphrase.normalize('NFC'), Buffer.from(h.salt, 'base64'), 32, options, (err, key) => (err ? reject(err) : resolve(key))));
}

function nonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

function frame(key: Buffer, prefix: Buffer, aad: Buffer, counter: number, last: boolean, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, counter, last), { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

/** Encrypts a byte stream with a passphrase. Use as a transform in `stream.pipeline`. */
export function sealStream(passphrase: string, options: SealOptions = {}) {
  return async function* seal(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
    const header: Header = {
      kdf: 'scrypt', N: options.cost ?? 2 ** 17, r: 8, p: 1, salt: randomBytes(16).toString('base64'),
      prefix: randomBytes(PREFIX_BYTES).toString('base64'), chunk: options.chunkBytes ?? 64 * 1024,
    };
    const key = await deriveKey(passphrase, header);
    const head = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
    const prefix = Buffer.from(header.prefix, 'base64');
    yield head;
    let pending = Buffer.alloc(0);
    let counter = 0;
    for await (const chunk of source) {
      pending = Buffer.concat([pending, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
      // Keep at least one byte back, so the last frame is always the one flagged last.
      while (pending.length > header.chunk) {
        yield frame(key, prefix, head, counter++, false, pending.subarray(0, header.chunk));
        pending = pending.subarray(header.chunk);
      }
    }
    yield frame(key, prefix, head, counter, true, pending);
  };
}

/** Decrypts what `sealStream` wrote; throws SealError on a wrong passphrase or any change to the sealed bytes. */
export function unsealStream(passphrase: string) {
  return async function* unseal(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
    let buffer = Buffer.alloc(0);
    let header: Header | null = null;
    let head: Buffer = Buffer.alloc(0);
    let key: Buffer | null = null;
    let prefix: Buffer = Buffer.alloc(0);
    let counter = 0;
    let done = false;
    const decryptFrames = function* (final: boolean): Generator<Buffer> {
      for (;;) {
        if (buffer.length < 4) break;
        const length = buffer.readUInt32BE(0);
        if (length < TAG_BYTES || length > header!.chunk + TAG_BYTES) throw new SealError('the sealed file is damaged (bad frame length)');
        // Until the input ends, a frame is opened only when more bytes follow it: the last one must be flagged last.
        if (buffer.length < 4 + length || (!final && buffer.length === 4 + length)) break;
        const body = buffer.subarray(4, 4 + length);
        buffer = buffer.subarray(4 + length);
        const last = final && buffer.length === 0;
        if (done) throw new SealError('the sealed file has data after its last chunk');
        const decipher = createDecipheriv('aes-256-gcm', key!, nonce(prefix, counter, last), { authTagLength: TAG_BYTES });
        decipher.setAAD(head);
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        let plain: Buffer;
        try {
          plain = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
        } catch {
          throw new SealError(counter === 0 ? 'wrong passphrase, or the sealed file was changed' : 'the sealed file was changed or truncated');
        }
        counter++;
        if (last) done = true;
        yield plain;
      }
    };
    for await (const chunk of source) {
      buffer = Buffer.concat([buffer, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
      if (!header) {
        const end = buffer.indexOf(0x0a, MAGIC.length);
        if (end < 0) {
          if (buffer.length > MAX_HEADER) throw new SealError('not a Vigil sealed file');
          continue;
        }
        if (buffer.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw new SealError('not a Vigil sealed file');
        try {
          header = JSON.parse(buffer.subarray(MAGIC.length, end).toString('utf8')) as Header;
        } catch {
          throw new SealError('not a Vigil sealed file (bad header)');
        }
        if (header.kdf !== 'scrypt' || !Number.isInteger(header.N) || header.N > 2 ** 22 || header.r > 32 || header.p > 16 || !(header.chunk > 0 && header.chunk <= 16 * 1024 * 1024)) {
          throw new SealError('unsupported sealed-file parameters');
        }
        head = Buffer.from(buffer.subarray(0, end + 1));
        buffer = buffer.subarray(end + 1);
        prefix = Buffer.from(header.prefix, 'base64');
        key = await deriveKey(passphrase, header);
      }
      yield* decryptFrames(false);
    }
    if (!header) throw new SealError('not a Vigil sealed file');
    yield* decryptFrames(true);
    if (!done || buffer.length > 0) throw new SealError('the sealed file is truncated');
  };
}
