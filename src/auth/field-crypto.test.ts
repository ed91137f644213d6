import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chmod, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { blindIndex, decryptField, encryptField, envelopeKeyId, FieldCryptoError, needsReencryption, reencryptField, reencryptFields, type FieldContext } from './field-crypto';
import { Keyring, KeyringError, parseKeyring, serializeKeyring } from './keyring';
import { loadKeyringFile, saveKeyringFile } from './keyring-file';

const ctx: FieldContext = { table: 'witnesses', column: 'full_name', rowId: '7f1c0a52-0000-4000-8000-000000000001' };
const ring = Keyring.generate({ keyId: 'k1' });

function expectCode(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldCryptoError);
    expect((error as FieldCryptoError).code).toBe(code);
    return;
  }
  throw new Error('expected a FieldCryptoError');
}

describe('field encryption', () => {
  it('round-trips any text, with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const envelope = encryptField(ring, text, ctx);
        expect(envelope).toMatch(/^v1:k1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/=]+$/);
        expect(decryptField(ring, envelope, ctx)).toBe(text);
      }),
      { numRuns: 200 },
    );
    expect(encryptField(ring, 'Олена Петренко', ctx)).not.toBe(encryptField(ring, 'Олена Петренко', ctx));
  });

  it('fails authentication when any byte of IV, ciphertext or tag is flipped', () => {
    const envelope = encryptField(ring, 'Олена Петренко, вул. Хрещатик 1', ctx);
    const [v, id, ivText, sealedText] = envelope.split(':');
    const flip = (b64: string, index: number) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[index] ^= 0x01;
      return bytes.toString('base64');
    };
    const sealedLength = Buffer.from(sealedText, 'base64').length;
    for (let i = 0; i < sealedLength; i++) expectCode(() => decryptField(ring, [v, id, ivText, flip(sealedText, i)].join(':'), ctx), 'authentication_failed');
    for (let i = 0; i < 12; i++) expectCode(() => decryptField(ring, [v, id, flip(ivText, i), sealedText].join(':'), ctx), 'authentication_failed');
  });

  it('fails when the value is moved to another row, column or table (AAD)', () => {
    const envelope = encryptField(ring, 'secret', ctx);
    expectCode(() => decryptField(ring, envelope, { ...ctx, rowId: 'another-row' }), 'authentication_failed');
    expectCode(() => decryptField(ring, envelope, { ...ctx, column: 'address' }), 'authentication_failed');
    expectCode(() => decryptField(ring, envelope, { ...ctx, table: 'persons' }), 'authentication_failed');
    const numeric = encryptField(ring, 'x', { table: 't', column: 'c', rowId: 42 });
    expect(decryptField(ring, numeric, { table: 't', column: 'c', rowId: '42' })).toBe('x');
    expect(decryptField(ring, numeric, { table: 't', column: 'c', rowId: 42n })).toBe('x');
  });

  it('fails when the envelope is relabelled with another key id of the ring', () => {
    const two = ring.withNewActiveKey({ keyId: 'k2' });
    const envelope = encryptField(two, 'secret', ctx);
    expectCode(() => decryptField(two, envelope.replace(':k2:', ':k1:'), ctx), 'authentication_failed');
  });

  it('reports malformed envelopes and unknown keys', () => {
    for (const bad of ['', 'plain text', 'v2:k1:AAAA:AAAA', 'v1:k1:AAAA', 'v1:k:1:AAAAAAAAAAAAAAAA:AAAA', 'v1:k1:not*base64:AAAA', 'v1:k1:AAAAAAAAAAAAAAAA:AAAA']) {
      expectCode(() => decryptField(ring, bad, ctx), 'malformed');
    }
    const other = Keyring.generate({ keyId: 'elsewhere' });
    expectCode(() => decryptField(ring, encryptField(other, 'x', ctx), ctx), 'unknown_key');
    expect(() => encryptField(ring, 'x', { ...ctx, table: '' })).toThrow(TypeError);
  });

  it('decrypts with the right key only: same key id, different bytes → authentication failure', () => {
    const impostor = Keyring.generate({ keyId: 'k1' });
    expectCode(() => decryptField(impostor, encryptField(ring, 'x', ctx), ctx), 'authentication_failed');
  });
});

describe('key rotation', () => {
  it('keeps old values readable, moves them to the new key, then lets the old key go', () => {
    const before = encryptField(ring, 'Witness identity', ctx);
    const rotated = ring.withNewActiveKey({ keyId: 'k2' });
    expect(rotated.activeKeyId).toBe('k2');
    expect(rotated.keyIds).toEqual(['k1', 'k2']);
    expect(decryptField(rotated, before, ctx)).toBe('Witness identity');
    expect(needsReencryption(rotated, before)).toBe(true);

    const moved = reencryptField(rotated, before, ctx);
    expect(moved.changed).toBe(true);
    expect(envelopeKeyId(moved.value)).toBe('k2');
    expect(decryptField(rotated, moved.value, ctx)).toBe('Witness identity');
    expect(reencryptField(rotated, moved.value, ctx)).toEqual({ value: moved.value, changed: false });

    const retired = rotated.withoutKey('k1');
    expect(decryptField(retired, moved.value, ctx)).toBe('Witness identity');
    expectCode(() => decryptField(retired, before, ctx), 'unknown_key');
    expect(() => rotated.withoutKey('k2')).toThrow(KeyringError);
  });

  it('migrates a batch and returns only what changed', () => {
    const rows = [1, 2, 3].map((id) => ({ id, context: { ...ctx, rowId: id }, value: encryptField(ring, `name ${id}`, { ...ctx, rowId: id }) }));
    const rotated = ring.withNewActiveKey({ keyId: 'k2' });
    rows.push({ id: 4, context: { ...ctx, rowId: 4 }, value: encryptField(rotated, 'name 4', { ...ctx, rowId: 4 }) });
    const changed = reencryptFields(rotated, rows);
    expect(changed.map((r) => r.id)).toEqual([1, 2, 3]);
    for (const row of changed) expect(decryptField(rotated, row.value, row.context)).toBe(`name ${row.id}`);
    expect(() => reencryptFields(rotated, [{ value: rows[0].value, context: { ...ctx, rowId: 99 } }])).toThrow(/item 0/);
  });

  it('refuses still-tampered values in reencrypt even when no re-encryption is needed', () => {
    const envelope = encryptField(ring, 'x', ctx);
    expectCode(() => reencryptField(ring, envelope, { ...ctx, rowId: 'other' }), 'authentication_failed');
  });
});

describe('keyring', () => {
  it('validates ids and key lengths', () => {
    expect(() => Keyring.create({ activeKeyId: 'a', keys: { a: Buffer.alloc(16) } })).toThrow(/16 bytes/);
    expect(() => Keyring.create({ activeKeyId: 'a:b', keys: { 'a:b': Buffer.alloc(32) } })).toThrow(/key id/);
    expect(() => Keyring.create({ activeKeyId: 'b', keys: { a: Buffer.alloc(32) } })).toThrow(/active key/);
    expect(() => ring.withNewActiveKey({ keyId: 'k1' })).toThrow(/already/);
  });

  it('generates readable ids and never prints key bytes', () => {
    const generated = Keyring.generate({ now: new Date('2025-03-14T10:00:00Z') });
    expect(generated.activeKeyId).toMatch(/^k20250314-[0-9a-f]{6}$/);
    const b64 = generated.key(generated.activeKeyId).toString('base64');
    expect(JSON.stringify(generated)).not.toContain(b64);
    expect(inspect(generated)).not.toContain(b64);
  });

  it('serialises and parses (JSON, keys base64)', () => {
    const rotated = ring.withNewActiveKey({ keyId: 'k2' });
    const text = serializeKeyring(rotated);
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: 'vigil-keyring', version: 1, activeKeyId: 'k2' });
    expect(Object.keys(json.keys)).toEqual(['k1', 'k2']);
    const back = parseKeyring(text);
    expect(back.keyIds).toEqual(['k1', 'k2']);
    expect(back.key('k1').equals(rotated.key('k1'))).toBe(true);
    expect(back.blindIndexKey().equals(rotated.blindIndexKey())).toBe(true);
    expect(decryptField(back, encryptField(rotated, 'x', ctx), ctx)).toBe('x');
  });

  it('rejects malformed keyring files without echoing secrets', () => {
    expect(() => parseKeyring('{')).toThrow(KeyringError);
    expect(() => parseKeyring(JSON.stringify({ format: 'vigil-keyring', version: 2, activeKeyId: 'a', keys: {} }))).toThrow(/version/);
    expect(() => parseKeyring(JSON.stringify({ format: 'vigil-keyring', version: 1, activeKeyId: 'a', keys: { a: 'c2hvcnQ=' } }))).toThrow(/bytes/);
    expect(() => parseKeyring(JSON.stringify({ format: 'vigil-keyring', version: 1, activeKeyId: 'a', keys: { a: '!!' } }))).toThrow(/base64/);
  });
});

describe.skipIf(process.platform === 'win32')('keyring file', () => {
  it('saves with mode 0600, loads it back, and refuses files others can read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-keyring-'));
    try {
      const path = join(dir, 'keyring.json');
      await saveKeyringFile(path, ring);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await loadKeyringFile(path)).key('k1').equals(ring.key('k1'))).toBe(true);
      await expect(saveKeyringFile(path, ring)).rejects.toThrow(/already exists/);
      await saveKeyringFile(path, ring.withNewActiveKey({ keyId: 'k2' }), { overwrite: true });
      expect((await loadKeyringFile(path)).activeKeyId).toBe('k2');

      await chmod(path, 0o644);
      await expect(loadKeyringFile(path)).rejects.toThrow(/mode 0644/);
      await chmod(path, 0o640);
      await expect(loadKeyringFile(path)).rejects.toThrow(KeyringError);
      await chmod(path, 0o400);
      expect((await loadKeyringFile(path)).activeKeyId).toBe('k2');

      const link = join(dir, 'link.json');
      await symlink(path, link);
      await expect(loadKeyringFile(link)).rejects.toThrow(/not a regular file/);
      await expect(loadKeyringFile(join(dir, 'missing.json'))).rejects.toThrow(/does not exist/);

      const broken = join(dir, 'broken.json');
      await writeFile(broken, '{"format":"other"}', { mode: 0o600 });
      await expect(loadKeyringFile(broken)).rejects.toThrow(/not a vigil keyring/);
      expect(await readFile(path, 'utf8')).toContain('"keys"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('blind index', () => {
  const key = ring.blindIndexKey();
  it('is deterministic, keyed and separated by domain', () => {
    expect(blindIndex('Петренко', key)).toBe(blindIndex('Петренко', key));
    expect(blindIndex('Петренко', key)).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex('Петренко', key)).not.toBe(blindIndex('Петренка', key));
    expect(blindIndex('Петренко', key)).not.toBe(blindIndex('Петренко', Keyring.generate().blindIndexKey()));
    expect(blindIndex('x', key, 'persons.full_name')).not.toBe(blindIndex('x', key, 'witnesses.full_name'));
    expect(() => blindIndex('x', Buffer.alloc(16))).toThrow(RangeError);
    expect(() => blindIndex('x', key, 'a\u0000b')).toThrow(RangeError);
  });
});
