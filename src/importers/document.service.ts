/**
 * Searchable text of imported documents and messages: a substring search (ILIKE, served by the
 * trigram index on documents.text) and, when nothing contains the words as typed, a fuzzy
 * word-similarity search. Visibility follows the document's source.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { NotFoundError, type Actor } from '../domain';
import { isPublicActor, likePattern, readableSensitivities, validate } from '../registry';
import { documentListQuery, type DocumentView } from './import.schema';

const LIST_TEXT = 5000;

interface DocRow {
  id: string; source_id: string; source_title: string; kind: string; title: string | null; text: string; extracted_with: string;
  evidence_sha256: string | null; published_at: string | null; meta: unknown; version: number; is_current: boolean; created_at: string; score: number | null; text_length: number;
}

function snippet(text: string, q: string | undefined): string | null {
  if (!q) return null;
  const at = text.toLocaleLowerCase().indexOf(q.toLocaleLowerCase());
  if (at < 0) return text.slice(0, 240);
  const from = Math.max(0, at - 120);
  return `${from > 0 ? '…' : ''}${text.slice(from, at + q.length + 120)}${at + q.length + 120 < text.length ? '…' : ''}`;
}

function urlOf(meta: unknown): string | null {
  const m = (typeof meta === 'string' ? JSON.parse(meta) : meta) as { url?: unknown; meta?: { canonicalUrl?: unknown } } | null;
  const u = m?.url ?? m?.meta?.canonicalUrl;
  return typeof u === 'string' ? u : null;
}

function toView(r: DocRow, q: string | undefined, full: boolean): DocumentView & { textLength: number } {
  const meta = typeof r.meta === 'string' ? JSON.parse(r.meta) : r.meta;
  return {
    id: r.id, sourceId: r.source_id, sourceTitle: r.source_title, kind: r.kind, title: r.title,
    text: full ? r.text : r.text.slice(0, LIST_TEXT), snippet: snippet(r.text, q), extractedWith: r.extracted_with,
    evidenceSha256: r.evidence_sha256, publishedAt: r.published_at, url: urlOf(meta), meta, version: Number(r.version), isCurrent: r.is_current,
    createdAt: r.created_at, textLength: Number(r.text_length), ...(r.score == null ? {} : { score: Number(r.score) }),
  };
}

export class DocumentService {
  constructor(private readonly db: Db) {}

  private visible(actor: Actor): SQL {
    if (isPublicActor(actor)) return sql`s.published and s.sensitivity = 'public'`;
    return sql`s.sensitivity in (${sql.join(readableSensitivities(actor).map((x) => sql`${x}`), sql`, `)})`;
  }

  private select(where: SQL, score: SQL, order: SQL, limit: number, offset: number) {
    return queryRows<DocRow>(this.db, sql`select d.id, d.source_id, s.title as source_title, d.kind, d.title, d.text, d.extracted_with, d.evidence_sha256,
        d.published_at::text as published_at, d.meta, d.version, d.is_current, d.created_at::text as created_at, ${score} as score, length(d.text)::int as text_length
      from documents d join sources s on s.id = d.source_id where ${where} order by ${order}, d.id limit ${limit} offset ${offset}`);
  }

  private async count(where: SQL): Promise<number> {
    const [r] = await queryRows<{ n: number }>(this.db, sql`select count(*)::int as n from documents d join sources s on s.id = d.source_id where ${where}`);
    return Number(r.n);
  }

  /** Documents and messages, newest first; with q, those whose text or title contains q (else the most similar). */
  async list(actor: Actor, query: unknown): Promise<{ items: (DocumentView & { textLength: number })[]; total: number; fuzzy?: boolean }> {
    const q = validate(documentListQuery, query);
    const w: SQL[] = [this.visible(actor)];
    if (q.all !== '1') w.push(sql`d.is_current`);
    if (q.sourceId) w.push(sql`d.source_id = ${q.sourceId}`);
    if (q.kind) w.push(sql`d.kind = ${q.kind}`);
    const newest = sql`coalesce(d.published_at, d.created_at) desc`;
    if (!q.q) {
      const where = sql.join(w, sql` and `);
      const rows = await this.select(where, sql`null::float8`, newest, q.limit, q.offset);
      return { items: rows.map((r) => toView(r, undefined, false)), total: await this.count(where) };
    }
    const pattern = likePattern(q.q);
    const exact = sql.join([...w, sql`(d.text ilike ${pattern} or d.title ilike ${pattern})`], sql` and `);
    const total = await this.count(exact);
    if (total > 0) {
      const rows = await this.select(exact, sql`null::float8`, newest, q.limit, q.offset);
      return { items: rows.map((r) => toView(r, q.q, false)), total };
    }
    const fuzzy = sql.join([...w, sql`(${q.q} <% d.text or ${q.q.toLocaleLowerCase()} <% lower(coalesce(d.title, '')))`], sql` and `);
    const score = sql`greatest(word_similarity(${q.q}, d.text), word_similarity(${q.q.toLocaleLowerCase()}, lower(coalesce(d.title, ''))))::float8`;
    const rows = await this.select(fuzzy, score, sql`6 desc`, q.limit, q.offset);
    return { items: rows.map((r) => toView(r, q.q, false)), total: await this.count(fuzzy), fuzzy: true };
  }

  /** One document with its whole text. */
  async get(actor: Actor, id: string): Promise<DocumentView & { textLength: number }> {
    const rows = await this.select(sql`d.id = ${id} and ${this.visible(actor)}`, sql`null::float8`, sql`d.created_at`, 1, 0);
    if (!rows.length) throw new NotFoundError('document', id);
    return toView(rows[0], undefined, true);
  }
}
