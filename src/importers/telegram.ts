/**
 * Telegram Desktop JSON export (result.json of one chat/channel, or of a whole account) → one entry
 * per message with its UTC time (from date_unixtime; the zone-less `date` is never used), author,
 * forward origin, flattened text with entities, t.me link, and media files resolved inside the
 * export folder (path traversal rejected, "(File not included…)" placeholders recorded as missing).
 */
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { ImportError, describeError } from './errors';
import { canonicalJson, sha256Hex } from './hash';
import type { Problem } from './rows.schema';
import { findResultJson, resolveMedia, type TelegramMedia } from './telegram-media';
import { flattenTelegramText, type TelegramEntity } from './telegram-text';

export type { TelegramEntity } from './telegram-text';
export { findResultJson, type MediaStatus, type TelegramMedia } from './telegram-media';

export interface TelegramChat {
  name: string | null;
  id: string | null;
  /** public_channel, private_channel, personal_chat, private_group, public_supergroup, private_supergroup… */
  type: string | null;
  /** Public username when known (the export does not contain it; pass it as an option). */
  username: string | null;
}

export interface TelegramEntry {
  chat: TelegramChat;
  messageId: number;
  kind: 'message' | 'service';
  /** UTC ISO time from date_unixtime; null when the export has none (the zone-less `date` is not used). */
  dateUtc: string | null;
  editedUtc: string | null;
  author: { name: string | null; id: string | null };
  forwardedFrom: string | null;
  forwardedFromId: string | null;
  replyToMessageId: number | null;
  text: string;
  entities: TelegramEntity[];
  links: string[];
  mentions: string[];
  hashtags: string[];
  /** https://t.me/<username>/<id> or https://t.me/c/<id>/<msgid>; null for chats without public links. */
  url: string | null;
  media: TelegramMedia[];
  /** Service messages: the action (create_channel, pin_message…) and who did it. */
  action: string | null;
  actor: { name: string | null; id: string | null } | null;
  provenance: { file: string; fileSha256: string; chatIndex: number; messageIndex: number };
  /** SHA-256 of the message object as exported (canonical JSON): same message → same hash, edited → new. */
  contentHash: string;
}

export interface TelegramExport {
  folder: string;
  file: string;
  fileSha256: string;
  chats: TelegramChat[];
  entries: TelegramEntry[];
  /** Per-message findings; row = message id, column = the JSON member concerned. */
  problems: Problem[];
}

export interface TelegramOptions {
  /** Public username of the channel or group, for https://t.me/<username>/<id> links. */
  username?: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);
const int = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : null;
};
const LINKABLE = new Set(['public_channel', 'private_channel', 'public_supergroup', 'private_supergroup']);

function unixToIso(v: unknown): string | null {
  const n = int(v);
  if (n === null || n < 0 || n > 32503680000) return null;
  return new Date(n * 1000).toISOString().replace('.000Z', 'Z');
}

function messageUrl(chat: TelegramChat, messageId: number): string | null {
  if (!chat.type || !LINKABLE.has(chat.type)) return null;
  if (chat.username) return `https://t.me/${chat.username.replace(/^@/, '')}/${messageId}`;
  if (!chat.id) return null;
  const bare = chat.id.replace(/^-100/, '').replace(/^-/, '');
  return /^\d+$/.test(bare) ? `https://t.me/c/${bare}/${messageId}` : null;
}

interface RawChat { chat: TelegramChat; messages: unknown[] }

function chatsOf(json: unknown, options: TelegramOptions): RawChat[] {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [];
  const o = json as Record<string, unknown>;
  const one = (c: Record<string, unknown>): RawChat => ({
    chat: { name: str(c.name), id: str(c.id), type: str(c.type), username: options.username ?? null },
    messages: c.messages as unknown[],
  });
  if (Array.isArray(o.messages)) return [one(o)];
  const out: RawChat[] = [];
  for (const key of ['chats', 'left_chats']) {
    const list = (o[key] as Record<string, unknown> | undefined)?.list;
    if (Array.isArray(list)) for (const c of list) if (c && typeof c === 'object' && Array.isArray((c as Record<string, unknown>).messages)) out.push(one(c as Record<string, unknown>));
  }
  return out;
}

/** Parses an already-read result.json. `folder` is the export folder media paths are relative to. */
export async function parseTelegramExport(bytes: Uint8Array, file: string, folder: string, options: TelegramOptions = {}): Promise<TelegramExport> {
  const fileSha256 = sha256Hex(bytes);
  let json: unknown;
  try {
    let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    json = JSON.parse(text);
  } catch (e) {
    throw new ImportError('telegram_invalid', `${basename(file)} is not valid JSON (${describeError(e)}); is the export complete?`, { file });
  }
  const chats = chatsOf(json, options);
  if (chats.length === 0) {
    throw new ImportError('telegram_invalid', `${basename(file)} is not a Telegram Desktop JSON export (no "messages" list, no "chats.list")`, { file });
  }
  let realFolder = folder;
  try { realFolder = await realpath(folder); } catch { /* folder may not exist for in-memory parses */ }
  const entries: TelegramEntry[] = [];
  const problems: Problem[] = [];
  for (let ci = 0; ci < chats.length; ci++) {
    const { chat, messages } = chats[ci];
    const sheet = chat.name ?? `chat ${chat.id ?? ci + 1}`;
    for (let mi = 0; mi < messages.length; mi++) {
      const m = messages[mi];
      const problem = (row: number, column: string, message: string, severity: Problem['severity'] = 'warning') =>
        problems.push({ file, sheet, row, column, severity, message });
      if (!m || typeof m !== 'object' || Array.isArray(m)) { problem(mi + 1, '(message)', `message #${mi + 1} is not an object; skipped`, 'error'); continue; }
      const o = m as Record<string, unknown>;
      const messageId = int(o.id);
      if (messageId === null) { problem(mi + 1, 'id', `message #${mi + 1} has no numeric id; skipped`, 'error'); continue; }
      const dateUtc = unixToIso(o.date_unixtime);
      if (dateUtc === null) problem(messageId, 'date_unixtime', 'no usable date_unixtime; the zone-less "date" is not used, so the time is unknown');
      const flat = flattenTelegramText(o.text, o.text_entities);
      const media: TelegramMedia[] = [];
      const meta: Partial<TelegramMedia> = {};
      if (str(o.media_type)) meta.mediaType = str(o.media_type)!;
      if (str(o.mime_type)) meta.mimeType = str(o.mime_type)!;
      if (int(o.duration_seconds) !== null) meta.durationSeconds = int(o.duration_seconds)!;
      if (int(o.width) !== null) meta.width = int(o.width)!;
      if (int(o.height) !== null) meta.height = int(o.height)!;
      if (str(o.file_name)) meta.fileName = str(o.file_name)!;
      for (const [role, key] of [['photo', 'photo'], ['file', 'file'], ['thumbnail', 'thumbnail']] as const) {
        const v = o[key];
        if (typeof v !== 'string' || v === '') continue;
        const item = await resolveMedia(folder, realFolder, role, v, role === 'photo' ? { mediaType: 'photo', width: meta.width, height: meta.height } : role === 'file' ? meta : {});
        for (const k of Object.keys(item) as (keyof TelegramMedia)[]) if (item[k] === undefined) delete item[k];
        if (item.status === 'rejected') problem(messageId, key, `${key} path "${v.slice(0, 200)}" rejected: ${item.reason}`, 'error');
        if (item.status === 'not_found') problem(messageId, key, `${key} "${v.slice(0, 200)}" is not in the export folder`);
        media.push(item);
      }
      const kind = o.type === 'service' ? 'service' : 'message';
      entries.push({
        chat,
        messageId,
        kind,
        dateUtc,
        editedUtc: unixToIso(o.edited_unixtime),
        author: { name: str(o.from), id: str(o.from_id) },
        forwardedFrom: str(o.forwarded_from),
        forwardedFromId: str(o.forwarded_from_id),
        replyToMessageId: int(o.reply_to_message_id),
        ...flat,
        url: messageUrl(chat, messageId),
        media,
        action: kind === 'service' ? str(o.action) : null,
        actor: kind === 'service' ? { name: str(o.actor), id: str(o.actor_id) } : null,
        provenance: { file, fileSha256, chatIndex: ci, messageIndex: mi },
        contentHash: sha256Hex(canonicalJson({ chat: chat.id, message: o })),
      });
    }
  }
  return { folder, file, fileSha256, chats: chats.map((c) => c.chat), entries, problems };
}

/** Reads a Telegram export from its folder (or the folder holding it) or its result.json. */
export async function readTelegramExport(path: string, options: TelegramOptions = {}): Promise<TelegramExport> {
  const file = await findResultJson(path);
  if (!file) throw new ImportError('unreadable', `no Telegram export (result.json) at ${path}`, { file: path });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new ImportError('unreadable', `cannot read ${file}: ${describeError(e)}`, { file });
  }
  return parseTelegramExport(bytes, file, dirname(resolve(file)), options);
}
