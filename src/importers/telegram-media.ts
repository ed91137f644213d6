/**
 * Media files named in a Telegram export: resolved inside the export folder (never outside it, not
 * even through a symbolic link), placeholders of files that were not downloaded recorded as missing.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export type MediaStatus = 'present' | 'missing' | 'not_found' | 'rejected';

export interface TelegramMedia {
  role: 'photo' | 'file' | 'thumbnail';
  /** present: the file is in the export; missing: the export says it was not downloaded; not_found: named but absent; rejected: unsafe path. */
  status: MediaStatus;
  /** Path as written in result.json (relative to the export folder). */
  path?: string;
  /** Resolved absolute path (present files only). */
  absolutePath?: string;
  sizeBytes?: number;
  /** The placeholder text or the reason of a rejection. */
  reason?: string;
  mediaType?: string;
  mimeType?: string;
  durationSeconds?: number;
  width?: number;
  height?: number;
  fileName?: string;
}

const PLACEHOLDER = /^\((File|Photo|Video)[^)]*(not included|exceeds maximum size)[^)]*\)$/i;

/** Checks a media path from result.json; resolves it inside `folder` without following it outside. */
export async function resolveMedia(folder: string, realFolder: string, role: TelegramMedia['role'], value: string, meta: Partial<TelegramMedia>): Promise<TelegramMedia> {
  if (PLACEHOLDER.test(value.trim())) return { role, status: 'missing', reason: value.trim(), ...meta };
  const rel = value.replace(/\\/g, '/');
  const abs = resolve(folder, rel);
  const r = relative(folder, abs);
  if (rel.includes('\0') || isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || r.startsWith('..') || isAbsolute(r) || r === '') {
    return { role, status: 'rejected', path: value, reason: 'path points outside the export folder', ...meta };
  }
  try {
    const real = await realpath(abs);
    if (real !== realFolder && !real.startsWith(realFolder + sep)) {
      return { role, status: 'rejected', path: value, reason: 'link points outside the export folder', ...meta };
    }
    const st = await stat(real);
    if (!st.isFile()) return { role, status: 'not_found', path: value, reason: 'not a file', ...meta };
    return { role, status: 'present', path: value, absolutePath: real, sizeBytes: st.size, ...meta };
  } catch {
    return { role, status: 'not_found', path: value, reason: 'file named in result.json is not in the export folder', ...meta };
  }
}

/**
 * The result.json of an export given as the file itself, the export folder, or a folder holding
 * exactly one export folder (ChatExport_…). Null when there is none.
 */
export async function findResultJson(path: string): Promise<string | null> {
  const st = await stat(path).catch(() => null);
  if (!st) return null;
  if (st.isFile()) return path;
  if (!st.isDirectory()) return null;
  const names = await readdir(path).catch(() => [] as string[]);
  if (names.includes('result.json')) return join(path, 'result.json');
  const inner: string[] = [];
  for (const n of names) {
    const sub = join(path, n, 'result.json');
    if (await stat(sub).then((s) => s.isFile(), () => false)) inner.push(sub);
  }
  return inner.length === 1 ? inner[0] : null;
}

