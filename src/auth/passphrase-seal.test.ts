import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sealStream, unsealStream, SealError } from './passphrase-seal';

const FAST = { cost: 2 ** 10 };

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of gen) parts.push(p);
  return Buffer.concat(parts);
}
async function* chunks(data: Buffer, size: number) {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}
const seal = (data: Buffer, pass: string, chunkBytes = 1000) => collect(sealStream(pass, { ...FAST, chunkBytes })(chunks(data, 333)));
const unseal = (sealed: Buffer, pass: string, readSize = 257) => collect(unsealStream(pass)(chunks(sealed, readSize)));

describe('passphrase sealing (scrypt + AES-256-GCM STREAM)', () => {
  it('round-trips any length, read in any chunking', async () => {
    for (const n of [0, 1, 999, 1000, 1001, 5000]) {
      const data = randomBytes(n);
      const sealed = await seal(data, 'long backup passphrase');
      for (const readSize of [1, 7, 4096]) expect((await unseal(sealed, 'long backup passphrase', readSize)).equals(data)).toBe(true);
    }
  });

  it('hides the content and differs every time (random salt and nonces)', async () => {
    const data = Buffer.from('Witness W-123456: Іваненко Марія, +380 00 000 0000'.repeat(10));
    const a = await seal(data, 'p'), b = await seal(data, 'p');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('Іваненко'))).toBe(false);
  });

  it('refuses a wrong passphrase, a flipped bit, a dropped, reordered or appended chunk, and truncation', async () => {
    const data = randomBytes(4500);
    const sealed = await seal(data, 'right');
    await expect(unseal(sealed, 'wrong')).rejects.toThrow(/wrong passphrase/);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 40] ^= 1;
    await expect(unseal(flipped, 'right')).rejects.toThrow(SealError);
    const headEnd = sealed.indexOf(0x0a, 15) + 1;
    const frames: Buffer[] = [];
    for (let at = headEnd; at < sealed.length;) { const len = sealed.readUInt32BE(at); frames.push(sealed.subarray(at, at + 4 + len)); at += 4 + len; }
    const head = sealed.subarray(0, headEnd);
    expect(frames.length).toBe(5);
    await expect(unseal(Buffer.concat([head, ...frames.slice(0, 4)]), 'right')).rejects.toThrow(SealError); // last chunk dropped
    await expect(unseal(Buffer.concat([head, frames[1], frames[0], ...frames.slice(2)]), 'right')).rejects.toThrow(SealError);
    await expect(unseal(Buffer.concat([head, ...frames, frames[4]]), 'right')).rejects.toThrow(SealError);
    await expect(unseal(sealed.subarray(0, sealed.length - 3), 'right')).rejects.toThrow(SealError);
    await expect(unseal(Buffer.from('PK\u0003\u0004 not sealed at all\n'), 'right')).rejects.toThrow(/not a Vigil sealed file/);
  });
});
