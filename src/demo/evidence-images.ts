// Tiny synthetic images for the demo workspace and tests: an 8×8 grey baseline JPEG with invented
// EXIF (camera, capture time, GPS) and an 8×8 grey PNG carrying the same EXIF in an eXIf chunk.
// Nothing here is a real photograph; every value is invented.
import { crc32, deflateSync } from 'node:zlib';

export interface InventedExif {
  make: string;
  model: string;
  /** "YYYY:MM:DD HH:MM:SS" (EXIF's own format). */
  takenAt: string;
  lat: number;
  lon: number;
}

type Entry = { tag: number; type: 2 | 4 | 5; values: number[] | string };

/** One IFD at `start` (byte offset in the TIFF), big-endian; returns its bytes (values after the entries). */
function ifd(entries: Entry[], start: number, next = 0): Buffer {
  const head = Buffer.alloc(2 + entries.length * 12 + 4);
  const extra: Buffer[] = [];
  let extraOff = start + head.length;
  head.writeUInt16BE(entries.length, 0);
  entries.forEach((e, i) => {
    const at = 2 + i * 12;
    let data: Buffer;
    if (typeof e.values === 'string') data = Buffer.from(`${e.values}\0`, 'latin1');
    else if (e.type === 4) data = Buffer.concat(e.values.map((v) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; }));
    else data = Buffer.concat(e.values.map((v) => { const b = Buffer.alloc(8); b.writeUInt32BE(Math.round(v * 10000)); b.writeUInt32BE(10000, 4); return b; }));
    const count = typeof e.values === 'string' ? data.length : e.values.length;
    head.writeUInt16BE(e.tag, at);
    head.writeUInt16BE(e.type, at + 2);
    head.writeUInt32BE(count, at + 4);
    if (data.length <= 4) data.copy(head, at + 8);
    else {
      head.writeUInt32BE(extraOff, at + 8);
      if (data.length % 2) data = Buffer.concat([data, Buffer.alloc(1)]);
      extra.push(data);
      extraOff += data.length;
    }
  });
  head.writeUInt32BE(next, 2 + entries.length * 12);
  return Buffer.concat([head, ...extra]);
}

const dms = (deg: number): number[] => {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  return [d, m, Number(((a - d - m / 60) * 3600).toFixed(2))];
};

/** A big-endian TIFF structure with IFD0 (make, model), the Exif IFD (capture time) and the GPS IFD. */
export function exifTiff(x: InventedExif): Buffer {
  const ifd0Entries = (exifAt: number, gpsAt: number): Entry[] => [
    { tag: 0x010f, type: 2, values: x.make },
    { tag: 0x0110, type: 2, values: x.model },
    { tag: 0x8769, type: 4, values: [exifAt] },
    { tag: 0x8825, type: 4, values: [gpsAt] },
  ];
  const size0 = ifd(ifd0Entries(0, 0), 8).length;
  const exifAt = 8 + size0;
  const exif = ifd([{ tag: 0x9003, type: 2, values: x.takenAt }, { tag: 0x9004, type: 2, values: x.takenAt }], exifAt);
  const gpsAt = exifAt + exif.length;
  const gps = ifd([
    { tag: 0x0001, type: 2, values: x.lat >= 0 ? 'N' : 'S' },
    { tag: 0x0002, type: 5, values: dms(x.lat) },
    { tag: 0x0003, type: 2, values: x.lon >= 0 ? 'E' : 'W' },
    { tag: 0x0004, type: 5, values: dms(x.lon) },
  ], gpsAt);
  return Buffer.concat([Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), ifd(ifd0Entries(exifAt, gpsAt), 8), exif, gps]);
}

const segment = (marker: number, body: Buffer): Buffer => {
  const h = Buffer.alloc(4);
  h.writeUInt16BE(0xff00 | marker);
  h.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([h, body]);
};

/** An 8×8 mid-grey baseline JPEG (one DC-only block, one-code Huffman tables) with the EXIF given. */
export function syntheticJpeg(x: InventedExif, shade = 0): Buffer {
  const huff = (cls: number) => Buffer.concat([Buffer.from([cls]), Buffer.from([1, ...Array(15).fill(0)]), Buffer.from([0])]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(x)])),
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1 + (shade & 0x3f))])),
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    segment(0xc4, huff(0x00)),
    segment(0xc4, huff(0x10)),
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from([0x3f]), // DC diff 0 ('0'), end of block ('0'), padded with ones
    Buffer.from([0xff, 0xd9]),
  ]);
}

const chunk = (type: string, data: Buffer): Buffer => {
  const t = Buffer.from(type, 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([t, data])) >>> 0);
  return Buffer.concat([len, t, data, crc]);
};

/** An 8×8 greyscale PNG of one shade, with the EXIF in an eXIf chunk. */
export function syntheticPng(x: InventedExif, shade = 128): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 8, 0, 0, 0, 8, 8, 0, 0, 0, 0]);
  const rows = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...Array(8).fill(shade & 0xff)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('eXIf', exifTiff(x)), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
