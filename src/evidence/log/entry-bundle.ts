// C2SP tlog-tiles entry bundles: up to 256 log entries, each prefixed by its length as a big-endian uint16.
import { TILE_WIDTH, TilePathError } from './tiles';

export const MAX_ENTRY_BYTES = 0xffff;

export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length === 0 || entries.length > TILE_WIDTH) throw new TilePathError('an entry bundle holds 1..256 entries');
  let total = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_BYTES) throw new TilePathError('entry longer than 65535 bytes');
    total += 2 + e.length;
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const e of entries) {
    out[off] = e.length >>> 8;
    out[off + 1] = e.length & 0xff;
    out.set(e, off + 2);
    off += 2 + e.length;
  }
  return out;
}

/** Splits a bundle into its entries; throws on truncation or more than 256 entries. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let off = 0;
  while (off < bundle.length) {
    if (off + 2 > bundle.length) throw new TilePathError('truncated entry bundle');
    const len = (bundle[off] << 8) | bundle[off + 1];
    if (off + 2 + len > bundle.length) throw new TilePathError('truncated entry bundle');
    out.push(bundle.slice(off + 2, off + 2 + len));
    off += 2 + len;
    if (out.length > TILE_WIDTH) throw new TilePathError('entry bundle holds more than 256 entries');
  }
  if (out.length === 0) throw new TilePathError('empty entry bundle');
  return out;
}
