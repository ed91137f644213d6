import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from './bytes';
import { decodeLeaf, encodeLeaf, entryLeafHash, LeafError, LOG_ENTRY_KINDS, type LogEntry } from './leaf';
import { leafHash } from './merkle';

const H = 'a'.repeat(64);
const received: LogEntry = { v: 1, kind: 'evidence.received', at: '2024-05-01T12:00:00.000Z', actor: 'u:7f3a9c', evidence: H, size: 1024 };

describe('encodeLeaf / decodeLeaf', () => {
  it('encodes canonical JSON with sorted keys and no whitespace', () => {
    const bytes = encodeLeaf({ size: 1024, evidence: H, actor: 'u:7f3a9c', at: '2024-05-01T12:00:00.000Z', kind: 'evidence.received', v: 1 });
    expect(new TextDecoder().decode(bytes)).toBe(
      `{"actor":"u:7f3a9c","at":"2024-05-01T12:00:00.000Z","evidence":"${H}","kind":"evidence.received","size":1024,"v":1}`,
    );
    expect(decodeLeaf(bytes)).toEqual(received);
    expect(toHex(entryLeafHash(received))).toBe(toHex(leafHash(bytes)));
  });

  it('round-trips every kind', () => {
    const entry = fc.record(
      {
        v: fc.constant(1 as const),
        kind: fc.constantFrom(...LOG_ENTRY_KINDS),
        at: fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 0)), noInvalidDate: true }).map((d) => d.toISOString()),
        actor: fc.stringMatching(/^[a-z][a-z0-9:_-]{3,20}$/),
        evidence: fc.stringMatching(/^[0-9a-f]{64}$/),
        size: fc.maxSafeNat(),
        ref: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,30}$/),
        prev: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: undefined }),
      },
      { requiredKeys: ['v', 'kind', 'at', 'actor', 'evidence', 'size', 'ref'] },
    );
    fc.assert(
      fc.property(entry, (e) => {
        const clean = JSON.parse(JSON.stringify(e)) as LogEntry;
        const bytes = encodeLeaf(clean);
        return JSON.stringify(decodeLeaf(bytes)) === JSON.stringify(clean) && toHex(encodeLeaf(decodeLeaf(bytes))) === toHex(bytes);
      }),
    );
  });

  it.each([
    ['unknown field (no free text may sneak in)', { ...received, note: 'John Smith gave this' }],
    ['file name field', { ...received, fileName: 'passport.jpg' }],
    ['actor with a space (a name)', { ...received, actor: 'John Smith' }],
    ['actor as e-mail', { ...received, actor: 'john@example.org' }],
    ['actor too long', { ...received, actor: 'a'.repeat(129) }],
    ['unknown kind', { ...received, kind: 'custody.deleted' }],
    ['version 2', { ...received, v: 2 }],
    ['missing version', { ...received, v: undefined }],
    ['upper-case hash', { ...received, evidence: 'A'.repeat(64) }],
    ['short hash', { ...received, evidence: 'a'.repeat(63) }],
    ['negative size', { ...received, size: -1 }],
    ['fractional size', { ...received, size: 1.5 }],
    ['local time', { ...received, at: '2024-05-01T12:00:00' }],
    ['offset time', { ...received, at: '2024-05-01T12:00:00+02:00' }],
    ['date only', { ...received, at: '2024-05-01' }],
    ['impossible date', { ...received, at: '2024-02-30T12:00:00Z' }],
    ['leap second', { ...received, at: '2016-12-31T23:59:60Z' }],
    ['received without size', { ...received, size: undefined }],
    ['custody without evidence', { v: 1, kind: 'custody.viewed', at: '2024-05-01T12:00:00Z', actor: 'u:1' }],
    ['field.viewed without ref', { v: 1, kind: 'field.viewed', at: '2024-05-01T12:00:00Z', actor: 'u:1' }],
    ['ref with spaces', { ...received, ref: 'scan of passport' }],
    ['prev not a hash', { ...received, prev: 'previous' }],
  ])('rejects %s', (_, bad) => {
    expect(() => encodeLeaf(bad as LogEntry)).toThrow(LeafError);
  });

  it('rejects leaf bytes that are not the canonical encoding of a valid entry', () => {
    const canonical = new TextDecoder().decode(encodeLeaf(received));
    const bad = [
      canonical.replace('{', '{ '),
      canonical.replace('"size":1024', '"size":1024.0'),
      canonical.replace('"actor":"u:7f3a9c",', '') + '',
      `{"actor":"u:7f3a9c",${canonical.slice(1)}`,
      JSON.stringify({ v: 1, kind: 'evidence.received', size: 1024, evidence: H, at: received.at, actor: received.actor }),
      canonical.replace('}', ',"x":1}'),
      'null',
      '[]',
      '',
    ];
    for (const text of bad) expect(() => decodeLeaf(utf8(text)), text).toThrow(LeafError);
    expect(() => decodeLeaf(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(LeafError);
  });

  it('never echoes field values in errors', () => {
    try {
      encodeLeaf({ ...received, actor: 'Olena Kovalenko' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('Olena');
    }
  });
});
