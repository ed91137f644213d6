// What a file is, judged from its bytes (never from its name): media type by magic numbers
// (file-type), EXIF/GPS/capture time for images (exifr), duration and codecs for audio and video
// (ffprobe, when installed). Nothing here trusts the uploader's declared type. file-type and exifr
// are loaded on first use, so processes that never receive a file do not carry them.
import { execFile } from 'node:child_process';

export interface Sniffed {
  mediaType: string;
  extension?: string;
}

/** Types never accepted as evidence uploads: programs and scripts a viewer might run. */
const EXECUTABLE = new Set([
  'application/x-msdownload', 'application/x-elf', 'application/x-mach-binary', 'application/x-executable',
  'application/vnd.microsoft.portable-executable', 'application/x-sharedlib', 'application/java-vm',
  'application/x-msi', 'application/x-apple-diskimage', 'application/wasm',
]);

export function isExecutableType(mediaType: string): boolean {
  return EXECUTABLE.has(mediaType);
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  if (head.includes(0)) return false;
  try {
    // Cut at most 3 bytes of a split UTF-8 sequence at the end of the head.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

export async function sniffMediaType(head: Buffer): Promise<Sniffed> {
  const { fileTypeFromBuffer } = await import('file-type');
  const ft = await fileTypeFromBuffer(head).catch(() => undefined);
  if (ft) return { mediaType: ft.mime, extension: ft.ext };
  if (looksLikeText(head)) {
    const start = head.subarray(0, 512).toString('utf8').trimStart();
    if (/^#!/.test(start)) return { mediaType: 'text/x-script', extension: 'txt' };
    return { mediaType: 'text/plain', extension: 'txt' };
  }
  return { mediaType: 'application/octet-stream', extension: 'bin' };
}

export type JsonRecord = Record<string, unknown>;

const toIso = (v: unknown): string | undefined =>
  v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : typeof v === 'string' ? v : undefined;

/** EXIF, GPS and capture time of an image, from its first bytes; absent fields are left out. */
export async function imageMetadata(head: Buffer): Promise<JsonRecord> {
  try {
    const exifr = (await import('exifr')).default;
    const x = await exifr.parse(head, { tiff: true, exif: true, gps: true, xmp: false, icc: false, iptc: false, translateValues: true });
    if (!x) return { exif: 'none found' };
    const out: JsonRecord = {};
    const captured = toIso(x.DateTimeOriginal ?? x.CreateDate ?? x.ModifyDate);
    if (captured) out.capturedAt = captured;
    if (typeof x.latitude === 'number' && typeof x.longitude === 'number') out.gps = { lat: x.latitude, lon: x.longitude, ...(typeof x.GPSAltitude === 'number' ? { alt: x.GPSAltitude } : {}) };
    const camera = [x.Make, x.Model].filter((s) => typeof s === 'string').join(' ').trim();
    if (camera) out.camera = camera;
    if (typeof x.Software === 'string') out.software = x.Software;
    if (typeof x.ExifImageWidth === 'number') out.width = x.ExifImageWidth;
    if (typeof x.ExifImageHeight === 'number') out.height = x.ExifImageHeight;
    if (x.Orientation !== undefined) out.orientation = String(x.Orientation);
    return Object.keys(out).length ? out : { exif: 'present, no capture fields' };
  } catch {
    return { exif: 'unreadable' };
  }
}

let ffprobeAvailable: Promise<boolean> | undefined;
export function hasFfprobe(): Promise<boolean> {
  ffprobeAvailable ??= new Promise((resolve) => execFile('ffprobe', ['-version'], (err) => resolve(!err)));
  return ffprobeAvailable;
}

/** Duration, container and codecs of audio or video, via ffprobe on a local file. */
export async function avMetadata(localPath: string | undefined): Promise<JsonRecord> {
  if (!(await hasFfprobe())) return { probe: 'not probed: ffprobe is not installed' };
  if (!localPath) return { probe: 'not probed: the blob is not on a local disk' };
  return new Promise((resolve) => {
    execFile('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', localPath], { maxBuffer: 4 << 20, timeout: 60_000 }, (err, stdout) => {
      if (err) return resolve({ probe: 'ffprobe could not read the file' });
      try {
        const j = JSON.parse(stdout) as { format?: { duration?: string; format_name?: string }; streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[] };
        resolve({
          durationSeconds: j.format?.duration ? Number(j.format.duration) : undefined,
          container: j.format?.format_name,
          streams: (j.streams ?? []).map((s) => ({ type: s.codec_type, codec: s.codec_name, ...(s.width ? { width: s.width, height: s.height } : {}) })),
        });
      } catch {
        resolve({ probe: 'ffprobe output unreadable' });
      }
    });
  });
}

/** Metadata by media family. */
export async function extractMetadata(mediaType: string, head: Buffer, localPath: string | undefined): Promise<JsonRecord> {
  if (mediaType.startsWith('image/')) return imageMetadata(head);
  if (mediaType.startsWith('video/') || mediaType.startsWith('audio/')) return avMetadata(localPath);
  return {};
}
