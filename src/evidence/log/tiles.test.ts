import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from './bytes';
import { decodeEntryBundle, encodeEntryBundle } from './entry-bundle';
import { leafHash } from './merkle';
import { rootFromLeafHashes } from './merkle-reference';
import { MemoryHashStore } from './memory-hash-store';
import {
  entryBundlePath,
  formatTileIndex,
  newTiles,
  parseEntryBundlePath,
  parseTilePath,
  readTileData,
  tileHashes,
  tilePath,
  tilesForTreeSize,
  type Tile,
} from './tiles';

const key = (t: Tile): string => tilePath(t);

describe('tile paths', () => {
  it('encodes the index as in the C2SP spec', () => {
    expect(formatTileIndex(1234067)).toBe('x001/x234/067');
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(999)).toBe('999');
    expect(formatTileIndex(1000)).toBe('x001/000');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 1, width: 5 })).toBe('tile/2/001.p/5');
    expect(entryBundlePath(1234067)).toBe('tile/entries/x001/x234/067');
    expect(entryBundlePath(3, 17)).toBe('tile/entries/003.p/17');
  });

  it('parses paths (Go tlog tile path cases, without the height element)', () => {
    expect(parseTilePath('tile/0/001')).toEqual({ level: 0, index: 1, width: 256 });
    expect(parseTilePath('tile/0/001.p/5')).toEqual({ level: 0, index: 1, width: 5 });
    expect(parseTilePath('tile/5/x123/x456/078')).toEqual({ level: 5, index: 123456078, width: 256 });
    expect(parseTilePath('tile/5/x123/x456/078.p/2')).toEqual({ level: 5, index: 123456078, width: 2 });
    expect(parseTilePath('tile/63/000.p/255')).toEqual({ level: 63, index: 0, width: 255 });
    expect(parseEntryBundlePath('tile/entries/x003/x057/500.p/9')).toEqual({ index: 3057500, width: 9 });
  });

  it.each([
    '', 'tile', 'tile/', 'tile/0', 'tile/0/', 'tile/0/1', 'tile/0/01', 'tile/0/0001', 'tile/00/001', 'tile/01/001',
    'tile/64/001', 'tile/-1/001', 'tile/a/001', 'tile/0/x001', 'tile/0/001/002', 'tile/0/x001/x002', 'tile/0/123/456/078',
    'tile/0/x000/001', 'tile/0/x001/x234/067/', 'tile/0/001.p', 'tile/0/001.p/', 'tile/0/001.p/0', 'tile/0/001.p/256',
    'tile/0/001.p/05', 'tile/0/001.p/5/6', 'tile/0/001.q/5', 'tile/0/x001.p/5', '/tile/0/001', 'tiles/0/001',
    'tile/0/X001/000', 'tile/0/x1/000', 'tile/entries/001', 'tile/0/00a', 'tile/0/001.p/+5', 'tile/0/٠٠١',
  ])('rejects malformed tile path %j', (p) => {
    expect(() => parseTilePath(p)).toThrow();
  });

  it.each(['tile/entries', 'tile/entries/', 'tile/entries/1', 'tile/0/001', 'tile/entries/001.p/256', 'tile/entries/x000/001'])(
    'rejects malformed entry bundle path %j',
    (p) => expect(() => parseEntryBundlePath(p)).toThrow(),
  );

  it('round-trips every tile and bundle path', () => {
    const tile = fc.record({
      level: fc.integer({ min: 0, max: 63 }),
      index: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.maxSafeNat()),
      width: fc.integer({ min: 1, max: 256 }),
    });
    fc.assert(
      fc.property(tile, (t) => {
        const p = tilePath(t);
        const b = entryBundlePath(t.index, t.width);
        const back = parseTilePath(p);
        return tilePath(back) === p && back.level === t.level && back.index === t.index && back.width === t.width &&
          entryBundlePath(parseEntryBundlePath(b).index, parseEntryBundlePath(b).width) === b;
      }),
    );
  });
});

describe('tiles of a tree', () => {
  it('matches the C2SP examples (sizes 70 000 and 256)', () => {
    const t = tilesForTreeSize(70_000);
    expect(t.filter((x) => x.level === 0 && x.width === 256)).toHaveLength(273);
    expect(t.filter((x) => x.level === 0 && x.width < 256)).toEqual([{ level: 0, index: 273, width: 112 }]);
    expect(t.filter((x) => x.level === 1)).toEqual([{ level: 1, index: 0, width: 256 }, { level: 1, index: 1, width: 17 }]);
    expect(t.filter((x) => x.level === 2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(t).toHaveLength(273 + 1 + 2 + 1);
    expect(tilesForTreeSize(256)).toEqual([{ level: 0, index: 0, width: 256 }, { level: 1, index: 0, width: 1 }]);
    expect(tilesForTreeSize(0)).toEqual([]);
  });

  it('newTiles(a, b) are exactly the tiles of b that a does not have', () => {
    fc.assert(
      fc.property(fc.nat({ max: 200_000 }), fc.nat({ max: 200_000 }), (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const old = new Set(tilesForTreeSize(a).map(key));
        const want = tilesForTreeSize(b).map(key).filter((k) => !old.has(k));
        return JSON.stringify(newTiles(a, b).map(key)) === JSON.stringify(want);
      }),
      { numRuns: 60 },
    );
  });

  it('tile bytes hold MTH(D[(n·256+i)·256^l : (n·256+i+1)·256^l]) and partial tiles extend', () => {
    const store = new MemoryHashStore();
    const leaves: Uint8Array[] = [];
    const seen = new Map<string, Uint8Array>();
    for (let i = 0; i < 70_000; i++) {
      const d = utf8(`entry ${i}`);
      leaves.push(leafHash(d));
      store.append(d);
      if (i < 700 || i % 997 === 0) {
        for (const t of newTiles(i, i + 1)) {
          const data = readTileData(t, store);
          const prev = t.width > 1 ? seen.get(tilePath({ ...t, width: t.width - 1 })) : undefined;
          if (prev) expect(toHex(data.slice(0, prev.length))).toBe(toHex(prev));
          seen.set(tilePath(t), data);
        }
      }
    }
    for (const t of tilesForTreeSize(70_000)) {
      const hashes = tileHashes(readTileData(t, store));
      expect(hashes).toHaveLength(t.width);
      const span = 256 ** t.level;
      for (const i of [0, t.width - 1]) {
        const lo = (t.index * 256 + i) * span;
        expect(toHex(hashes[i])).toBe(toHex(rootFromLeafHashes(leaves.slice(lo, lo + span))));
      }
    }
  });
});

describe('entry bundles', () => {
  it('round-trips uint16-length-prefixed entries and rejects malformed bundles', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 256 }), (entries) => {
        const back = decodeEntryBundle(encodeEntryBundle(entries));
        return back.length === entries.length && back.every((e, i) => toHex(e) === toHex(entries[i]));
      }),
      { numRuns: 50 },
    );
    expect(toHex(encodeEntryBundle([utf8('ab'), new Uint8Array(0)]))).toBe('000261620000');
    expect(() => decodeEntryBundle(new Uint8Array([0, 3, 1, 2]))).toThrow();
    expect(() => decodeEntryBundle(new Uint8Array([0]))).toThrow();
    expect(() => decodeEntryBundle(new Uint8Array(0))).toThrow();
    expect(() => decodeEntryBundle(new Uint8Array(2 * 257))).toThrow();
    expect(() => encodeEntryBundle([new Uint8Array(65536)])).toThrow();
    expect(() => encodeEntryBundle([])).toThrow();
  });
});
