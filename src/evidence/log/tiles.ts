// C2SP tlog-tiles: the Merkle tree served as static "tiles" of 256 consecutive hashes at tree
// heights 0, 8, 16, … (tile levels 0, 1, 2, …). Paths, which tiles a tree size has, tile bytes.
import { HASH_SIZE, type Hash } from './merkle';
import { storedHashIndex, type HashReader } from './stored-hashes';

export const TILE_HEIGHT = 8;
/** Hashes in a full tile. */
export const TILE_WIDTH = 256;
export const MAX_TILE_LEVEL = 63;

/** A tile: `width` hashes (256 = full, 1..255 = partial) at tile level `level`, `index`-th in its level. */
export interface Tile {
  level: number;
  index: number;
  width: number;
}

export class TilePathError extends Error {
  override name = 'TilePathError';
}

function checkTile(t: Tile): void {
  if (!Number.isInteger(t.level) || t.level < 0 || t.level > MAX_TILE_LEVEL) throw new TilePathError('tile level must be 0..63');
  if (!Number.isSafeInteger(t.index) || t.index < 0) throw new TilePathError('tile index must be a non-negative safe integer');
  if (!Number.isInteger(t.width) || t.width < 1 || t.width > TILE_WIDTH) throw new TilePathError('tile width must be 1..256');
}

/** `<N>` as zero-padded 3-digit path elements, all but the last prefixed with x (1234067 → x001/x234/067). */
export function formatTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new TilePathError('tile index must be a non-negative safe integer');
  let n = index;
  let s = String(n % 1000).padStart(3, '0');
  for (n = Math.floor(n / 1000); n > 0; n = Math.floor(n / 1000)) s = `x${String(n % 1000).padStart(3, '0')}/${s}`;
  return s;
}

const partialSuffix = (width: number): string => (width === TILE_WIDTH ? '' : `.p/${width}`);

/** `tile/<L>/<N>[.p/<W>]` */
export function tilePath(tile: Tile): string {
  checkTile(tile);
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${partialSuffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]`: the entry bundle holding leaves [index·256, index·256 + width). */
export function entryBundlePath(index: number, width: number = TILE_WIDTH): string {
  checkTile({ level: 0, index, width });
  return `tile/entries/${formatTileIndex(index)}${partialSuffix(width)}`;
}

/** Parses `<N>[.p/<W>]` path elements; only the canonical spelling is accepted. */
function parseIndexAndWidth(parts: readonly string[], path: string): { index: number; width: number } {
  const bad = (why: string): never => {
    throw new TilePathError(`malformed tile path ${JSON.stringify(path)}: ${why}`);
  };
  let width = TILE_WIDTH;
  let elems = parts;
  if (parts.length >= 2 && parts[parts.length - 2].endsWith('.p')) {
    const w = parts[parts.length - 1];
    if (!/^[1-9][0-9]{0,2}$/.test(w) || Number(w) > 255) bad('width must be 1..255 without leading zeros');
    width = Number(w);
    elems = [...parts.slice(0, -2), parts[parts.length - 2].slice(0, -2)];
  }
  if (elems.length === 0) bad('missing index');
  let index = 0;
  elems.forEach((e, i) => {
    const last = i === elems.length - 1;
    if (!(last ? /^[0-9]{3}$/ : /^x[0-9]{3}$/).test(e)) bad('index elements must be x### … ###');
    if (i === 0 && !last && e === 'x000') bad('index has a leading zero group');
    index = index * 1000 + Number(last ? e : e.slice(1));
  });
  if (!Number.isSafeInteger(index)) bad('index too large');
  return { index, width };
}

/** Parses `tile/<L>/<N>[.p/<W>]` (without prefix); throws TilePathError unless canonical. */
export function parseTilePath(path: string): Tile {
  const parts = path.split('/');
  if (parts.length < 3 || parts[0] !== 'tile') throw new TilePathError(`malformed tile path ${JSON.stringify(path)}`);
  const l = parts[1];
  if (!/^(0|[1-9][0-9]?)$/.test(l) || Number(l) > MAX_TILE_LEVEL) {
    throw new TilePathError(`malformed tile path ${JSON.stringify(path)}: level must be 0..63`);
  }
  return { level: Number(l), ...parseIndexAndWidth(parts.slice(2), path) };
}

/** Parses `tile/entries/<N>[.p/<W>]`; throws TilePathError unless canonical. */
export function parseEntryBundlePath(path: string): { index: number; width: number } {
  const parts = path.split('/');
  if (parts.length < 3 || parts[0] !== 'tile' || parts[1] !== 'entries') {
    throw new TilePathError(`malformed entry bundle path ${JSON.stringify(path)}`);
  }
  return parseIndexAndWidth(parts.slice(2), path);
}

/** Number of hashes at tile level `level` (tree height 8·level) in a tree of `size` leaves. */
function hashesAtLevel(size: number, level: number): number {
  return Math.floor(size / 2 ** (TILE_HEIGHT * level));
}

/** Every tile a tree of `size` leaves consists of: full tiles, then at most one partial tile per level. */
export function tilesForTreeSize(size: number): Tile[] {
  return newTiles(0, size);
}

/**
 * Tiles that a tree growing from `oldSize` to `newSize` leaves adds or extends (Go tlog NewTiles):
 * the tiles to publish with the new checkpoint. newTiles(0, n) lists all tiles of the tree.
 */
export function newTiles(oldSize: number, newSize: number): Tile[] {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || newSize < oldSize) {
    throw new TilePathError('need 0 ≤ oldSize ≤ newSize');
  }
  const out: Tile[] = [];
  for (let level = 0; hashesAtLevel(newSize, level) > 0; level++) {
    const oldCount = hashesAtLevel(oldSize, level);
    const newCount = hashesAtLevel(newSize, level);
    if (oldCount === newCount) continue;
    const fullTiles = Math.floor(newCount / TILE_WIDTH);
    for (let n = Math.floor(oldCount / TILE_WIDTH); n < fullTiles; n++) out.push({ level, index: n, width: TILE_WIDTH });
    const rest = newCount % TILE_WIDTH;
    if (rest > 0) out.push({ level, index: fullTiles, width: rest });
  }
  return out;
}

/** Stored-hash indexes of a tile's hashes, in order. */
export function tileHashIndexes(tile: Tile): number[] {
  checkTile(tile);
  const height = TILE_HEIGHT * tile.level;
  const first = tile.index * TILE_WIDTH;
  return Array.from({ length: tile.width }, (_, i) => storedHashIndex(height, first + i));
}

/** A tile's bytes: its hashes concatenated (width × 32 bytes), from the hashes read for tileHashIndexes. */
export function tileDataFromHashes(tile: Tile, hashes: readonly Hash[]): Uint8Array {
  if (hashes.length !== tile.width) throw new TilePathError(`tile needs ${tile.width} hashes, got ${hashes.length}`);
  const out = new Uint8Array(tile.width * HASH_SIZE);
  hashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE) throw new TilePathError('tile hash must be 32 bytes');
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

/** Go tlog ReadTileData: builds a tile's bytes from stored hashes. */
export function readTileData(tile: Tile, reader: HashReader): Uint8Array {
  return tileDataFromHashes(tile, reader.readHashes(tileHashIndexes(tile)));
}

/** Splits tile bytes back into hashes; throws unless the length is a whole number (1..256) of hashes. */
export function tileHashes(data: Uint8Array): Hash[] {
  if (data.length === 0 || data.length % HASH_SIZE !== 0 || data.length > TILE_WIDTH * HASH_SIZE) {
    throw new TilePathError('tile data must be 1..256 hashes of 32 bytes');
  }
  return Array.from({ length: data.length / HASH_SIZE }, (_, i) => data.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}
