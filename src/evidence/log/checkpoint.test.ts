import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64, toHex, utf8 } from './bytes';
import { CheckpointError, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint';
import { leafHash } from './merkle';
import { MemoryHashStore } from './memory-hash-store';
import { generateNoteKey, NoteError } from './note-keys';

const sumdbRoot = 'mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=';

describe('checkpoint body', () => {
  it('formats the Go tlog FormatTree golden value', () => {
    const cp = { origin: 'go.sum database tree', size: 123456789012, rootHash: leafHash(utf8('hello world')) };
    const golden = 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';
    expect(formatCheckpoint(cp)).toBe(golden);
    const back = parseCheckpoint(golden);
    expect([back.origin, back.size, toHex(back.rootHash), back.extensions]).toEqual([cp.origin, cp.size, toHex(cp.rootHash), []]);
  });

  it('parses the C2SP example with extension lines', () => {
    const text = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\nfirst ext\nsecond\n';
    const cp = parseCheckpoint(text);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(cp.extensions).toEqual(['first ext', 'second']);
    expect(formatCheckpoint(cp)).toBe(text);
  });

  it.each([
    ['not ending in newline', `o\n1\n${sumdbRoot}`],
    ['too few lines', 'o\n1\n'],
    ['empty origin', `\n1\n${sumdbRoot}\n`],
    ['hex size (Go bad tree)', `o\n0xabcdef\n${sumdbRoot}\n`],
    ['leading zero', `o\n01\n${sumdbRoot}\n`],
    ['negative size', `o\n-1\n${sumdbRoot}\n`],
    ['size with plus', `o\n+1\n${sumdbRoot}\n`],
    ['size with space', `o\n 1\n${sumdbRoot}\n`],
    ['unsafe size', `o\n9007199254740993\n${sumdbRoot}\n`],
    ['long root (Go bad tree)', 'o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n'],
    ['short root', 'o\n1\nAAAA\n'],
    ['unpadded root', `o\n1\n${sumdbRoot.slice(0, -1)}\n`],
    ['url-safe root', 'o\n1\nTszzRgjTG6xce-z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n'],
    ['empty extension line', `o\n1\n${sumdbRoot}\n\n`],
    ['empty line inside extensions', `o\n1\n${sumdbRoot}\na\n\nb\n`],
    ['control character', `o\u0001\n1\n${sumdbRoot}\n`],
    ['carriage return', `o\r\n1\n${sumdbRoot}\n`],
  ])('rejects %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(CheckpointError);
  });

  it('refuses to format invalid checkpoints', () => {
    const rootHash = new Uint8Array(32);
    for (const bad of [
      { origin: '', size: 0, rootHash },
      { origin: 'a\nb', size: 0, rootHash },
      { origin: 'o', size: -1, rootHash },
      { origin: 'o', size: 1.5, rootHash },
      { origin: 'o', size: 0, rootHash: new Uint8Array(31) },
      { origin: 'o', size: 0, rootHash, extensions: [''] },
    ] as Checkpoint[]) {
      expect(() => formatCheckpoint(bad)).toThrow(CheckpointError);
    }
  });

  it('round-trips any valid checkpoint', () => {
    const line = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\u0000-\u001f]/.test(s));
    fc.assert(
      fc.property(line, fc.maxSafeNat(), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.array(line, { maxLength: 3 }), (origin, size, rootHash, extensions) => {
        const text = formatCheckpoint({ origin, size, rootHash, extensions });
        const back = parseCheckpoint(text);
        return formatCheckpoint(back) === text && back.size === size && toBase64(back.rootHash) === toBase64(rootHash);
      }),
    );
  });
});

describe('signed checkpoints', () => {
  it('signs a tree head and opens it for the right origin and key only', () => {
    const store = new MemoryHashStore();
    for (let i = 0; i < 10; i++) store.append(utf8(`e${i}`));
    const log = generateNoteKey('vigil.example/log');
    const other = generateNoteKey('vigil.example/log');
    const note = signCheckpoint({ origin: 'vigil.example/log', size: store.size, rootHash: store.root() }, log.signerKey);
    expect(note).toMatch(/^vigil\.example\/log\n10\n[A-Za-z0-9+/]{43}=\n\n— vigil\.example\/log [A-Za-z0-9+/]{91}=\n$/);
    const { checkpoint } = openCheckpoint(note, [log.verifierKey], 'vigil.example/log');
    expect(toHex(checkpoint.rootHash)).toBe(toHex(store.root()));
    expect(() => openCheckpoint(note, [log.verifierKey], 'elsewhere')).toThrow(CheckpointError);
    expect(() => openCheckpoint(note, [other.verifierKey])).toThrow(NoteError);
    expect(() => openCheckpoint(note.replace('\n10\n', '\n11\n'), [log.verifierKey])).toThrow(NoteError);
  });

  it('opens the real sum.golang.org checkpoint (transparency-dev/formats test vector)', () => {
    const key = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
    const note = `go.sum database tree\n6476701\n${sumdbRoot}\n\n— sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n`;
    const { checkpoint } = openCheckpoint(note, [key], 'go.sum database tree');
    expect([checkpoint.size, toBase64(checkpoint.rootHash)]).toEqual([6476701, sumdbRoot]);
    expect(() => openCheckpoint(note, [key], 'Go rocks but I might have the wrong ID')).toThrow(CheckpointError);
  });
});
