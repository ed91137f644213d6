/**
 * A Telegram Desktop export into the registry: every message (service messages too) becomes a
 * source of kind social_media_post with its text in `documents` (searchable), its time from
 * date_unixtime (UTC), author, forward origin and reconstructed link in `meta`; photos, videos and
 * files go into the evidence vault (found there by the SHA-256 the message records); "(File not included…)" placeholders and
 * refused paths are recorded in the message's media list, never dropped. A message is identified by
 * chat and message id; an edited message (its exported content changed) becomes a new version.
 */
import { createReadStream } from 'node:fs';
import { hashStream } from '../evidence';
import { ImportError, describeError } from './errors';
import type { FileImport, ImportContext } from './import.context';
import { importRepository } from './import.repository';
import type { Problem } from './rows.schema';
import type { TelegramChat, TelegramEntry, TelegramExport } from './telegram';

const CHUNK = 200;
/** PostgreSQL text cannot hold NUL. */
const NUL = /\u0000/g;

export function chatKey(chat: TelegramChat): string {
  return chat.id ?? `name:${(chat.name ?? '').normalize('NFC').trim()}`;
}

export function messageKey(e: TelegramEntry): string {
  return `telegram:${chatKey(e.chat)}:${e.messageId}`;
}

/** Message-level problems: a message that cannot be read is an error (not imported); the rest are warnings (the message is kept). */
export function telegramProblems(exp: TelegramExport, name: string): Problem[] {
  return exp.problems.map((p) => ({ ...p, file: name, severity: p.column === '(message)' || p.column === 'id' ? p.severity : 'warning' as const }));
}

function messageTitle(e: TelegramEntry): string {
  return `${e.chat.name ?? `chat ${e.chat.id ?? '?'}`} #${e.messageId}`.slice(0, 500);
}

function describe(e: TelegramEntry): string {
  const parts = [`Telegram ${e.chat.type ?? 'chat'} "${e.chat.name ?? e.chat.id ?? '?'}", message ${e.messageId}`];
  if (e.dateUtc) parts.push(`posted ${e.dateUtc} (UTC)`);
  if (e.author.name) parts.push(`author: ${e.author.name}`);
  if (e.forwardedFrom) parts.push(`forwarded from: ${e.forwardedFrom}`);
  if (e.kind === 'service') parts.push(`service message: ${e.action ?? 'unknown action'}`);
  return parts.join('; ').slice(0, 10_000);
}

export async function importTelegram(ctx: ImportContext, f: FileImport, exp: TelegramExport): Promise<void> {
  const report = f.report;
  report.rows = exp.entries.length;
  const media = { stored: 0, alreadyStored: 0, missing: 0, notFound: 0, refused: 0 };
  report.media = media;
  const problems = telegramProblems(exp, f.name);
  ctx.addProblems(problems);
  report.rejected = problems.filter((p) => p.severity === 'error').length;
  report.warnings += problems.filter((p) => p.severity === 'warning').length;
  for (const e of exp.entries) {
    for (const m of e.media) {
      if (m.status === 'missing') media.missing++;
      else if (m.status === 'not_found') media.notFound++;
      else if (m.status === 'rejected') media.refused++;
    }
  }
  const total = exp.entries.length;
  for (let at = 0; at < total; at += CHUNK) {
    const chunk = exp.entries.slice(at, at + CHUNK);
    const existing = await importRepository.documentsByKeys(ctx.db, chunk.map(messageKey));
    const rows: Record<string, unknown>[] = [];
    const supersede: string[] = [];
    for (const e of chunk) {
      const key = messageKey(e);
      const prev = existing.get(key);
      if (prev && prev.contentHash === e.contentHash) { report.unchanged++; continue; }
      report.imported++;
      if (prev) report.versions++; else report.created++;
      let importId: string | null = null;
      let sourceId: string | null = null;
      if (ctx.writing) {
        ({ importId } = await ctx.begin(f));
        sourceId = prev?.sourceId ?? (await ctx.deps.registry.sources.create(ctx.actor, {
          kind: 'social_media_post', title: messageTitle(e), origin: (e.chat.name ?? e.chat.id ?? 'Telegram').slice(0, 300),
          obtained: e.dateUtc ? e.dateUtc.slice(0, 10) : undefined, url: e.url ?? undefined, notes: describe(e),
          sensitivity: ctx.options.sensitivity, ...(ctx.options.reliability ? { reliability: ctx.options.reliability } : {}),
        }, ctx.tx!)).id;
      }
      // media are hashed in a dry run too, so that its report says what would be stored
      const stored = [];
      for (const m of e.media) {
        const { absolutePath, ...rest } = m;
        if (m.status !== 'present' || !absolutePath) { stored.push(rest); continue; }
        let hashed: { sha256: string; size: number };
        try {
          hashed = await hashStream(createReadStream(absolutePath, { highWaterMark: 1 << 20 }));
        } catch (err) {
          throw new ImportError('unreadable', `${f.name}: cannot read ${m.path ?? 'a media file'} of message ${e.messageId}: ${describeError(err)}`, { file: f.name });
        }
        const { sha256, size } = hashed;
        const { duplicate } = await ctx.noteOriginal({ path: absolutePath }, sha256, m.path ?? absolutePath, sourceId);
        if (duplicate) media.alreadyStored++; else media.stored++;
        stored.push({ ...rest, sizeBytes: size, sha256 });
      }
      if (!ctx.writing) continue;
      const hadNul = NUL.test(e.text);
      rows.push({
        id: ctx.newId(), sourceId, evidenceSha256: null, title: messageTitle(e), text: e.text.replace(NUL, '\uFFFD'),
        extractedWith: 'telegram-json', kind: e.kind === 'service' ? 'telegram_service' : 'telegram_message', importId, recordKey: key,
        contentHash: e.contentHash, publishedAt: e.dateUtc,
        meta: {
          chat: e.chat, messageId: e.messageId, dateUtc: e.dateUtc, editedUtc: e.editedUtc, author: e.author, forwardedFrom: e.forwardedFrom,
          forwardedFromId: e.forwardedFromId, replyToMessageId: e.replyToMessageId, url: e.url, entities: e.entities, links: e.links,
          mentions: e.mentions, hashtags: e.hashtags, media: stored, action: e.action, actor: e.actor, export: { file: f.name, sha256: f.sha256, messageIndex: e.provenance.messageIndex },
          ...(hadNul ? { note: 'NUL characters of the text were replaced by U+FFFD' } : {}),
        },
        version: prev ? prev.version + 1 : 1, supersedes: prev?.id ?? null, isCurrent: true,
      });
      if (prev) supersede.push(prev.id);
    }
    if (rows.length) {
      await importRepository.supersedeDocuments(ctx.tx!, supersede);
      await importRepository.insertDocuments(ctx.tx!, rows);
      await ctx.audit(rows.map((r) => ({ actor: ctx.actor.id, entity: 'document', entityId: r.id as string, action: r.supersedes ? 'correct' : 'create', diff: { after: { id: r.id, sourceId: r.sourceId, kind: r.kind, recordKey: r.recordKey, version: r.version }, importId: f.importId } })));
    }
    ctx.progress({ phase: ctx.dryRun ? 'validate' : 'write', done: Math.min(total, at + CHUNK), total, file: f.name });
  }
}
