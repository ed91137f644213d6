/**
 * State of one import (one transaction, one or more files) shared by the list, Telegram and
 * document writers: the transaction (null in a dry run), lazily created sources, import runs and
 * vault receipts, facility look-ups, and the person rows derived from records.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { auditMany, type AuditInput, type Db } from '../db';
import type { Actor } from '../domain';
import type { EvidenceVault } from '../evidence';
import { composeName, scriptOf, type Registry } from '../registry';
import { createIndexes, dropForeignKeys, dropGinIndexes, importRepository } from './import.repository';
import { textKey } from './import.keys';
import type { FileKind, FileReport, ImportProgress, ProblemView } from './import.schema';
import type { Problem } from './rows.schema';
import { searchColumns } from '../registry';

export interface ImportDeps {
  db: Db;
  kind: 'pglite' | 'postgres';
  registry: Registry;
  vault: () => EvidenceVault;
}

export interface ResolvedOptions {
  as: 'persons' | 'custody' | 'allegations' | 'auto';
  source?: string;
  reliability?: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  obtained?: string;
  sensitivity: 'public' | 'internal' | 'restricted';
  dryRun: boolean;
  skipInvalid: boolean;
  telegramUsername?: string;
  ocr: 'auto' | 'never';
  today?: string;
}

/** Thrown inside the transaction to roll it back (errors without --skip-invalid, or nothing to write). */
export class Rollback extends Error {
  constructor(readonly reason: 'invalid' | 'nothing') {
    super(`rollback: ${reason}`);
  }
}

export function emptyFileReport(file: string): FileReport {
  return {
    file, sha256: null, kind: null, format: null, status: 'checked', source: null, importId: null, evidence: null,
    rows: 0, imported: 0, created: 0, versions: 0, unchanged: 0, rejected: 0, facilitiesCreated: [], victimsCreated: 0,
    media: null, sheets: [], warnings: 0,
  };
}

/** The original of an imported file, for the vault. */
export type Original = { path: string } | { bytes: Uint8Array };

/** One file being imported. */
export class FileImport {
  sourceId: string | null = null;
  importId: string | null = null;
  /** Import run fields, written when the run row is. */
  runMapping: unknown = null;
  /** Statistics of the run beyond the report's counts (kinds of the sheets…). */
  runExtra: Record<string, unknown> = {};

  constructor(
    readonly report: FileReport,
    readonly sha256: string,
    readonly name: string,
    readonly original: Original,
    readonly kind: FileKind,
    readonly format: string,
    /** Source to join or create: title and kind. */
    readonly sourceTitle: string,
    readonly sourceKind: 'list' | 'media' | 'document' | 'article',
  ) {
    report.sha256 = sha256;
    report.kind = kind;
    report.format = format;
  }
}

export interface ContextMark {
  wrote: boolean; originals: Set<string>; facilities: Set<string>; deferred: boolean; files: number; rejected: number; warnings: number;
}

export class ImportContext {
  /** Errors (rows not imported) and warnings of every file, in report form. */
  readonly rejected: ProblemView[] = [];
  readonly warnings: ProblemView[] = [];
  private readonly facilityCache = new Map<string, { id: string | null; created: boolean; name: string }>();
  /** On PGlite, for a large first import: search indexes and foreign keys dropped until commit (see deferPersonIndexes). */
  private deferred = false;
  private deferredDefs: string[] = [];
  /** Something was written (not only looked up). */
  wrote = false;
  /** Files of this import, in order. */
  readonly files: FileImport[] = [];
  /**
   * Files for the evidence vault, by hash: stored when the import is about to commit, so that an
   * import that fails (or is refused) leaves no blob behind.
   */
  private readonly originals = new Map<string, { original: Original; name: string; sourceId: string | null; files: FileImport[] }>();

  constructor(
    readonly deps: ImportDeps,
    readonly actor: Actor,
    readonly options: ResolvedOptions,
    /** The import's transaction; null in a dry run. */
    readonly tx: Db | null,
    readonly progress: (p: ImportProgress) => void,
  ) {}

  get dryRun(): boolean {
    return this.tx === null;
  }

  /** The handle for reads: the transaction, or the database in a dry run. */
  get db(): Db {
    return this.tx ?? this.deps.db;
  }

  /** A point to come back to when a file fails half way (a savepoint when writing). */
  async mark(): Promise<ContextMark> {
    if (this.tx) await this.tx.execute(sql`savepoint vigil_import_file`);
    return {
      wrote: this.wrote, originals: new Set(this.originals.keys()), facilities: new Set(this.facilityCache.keys()), deferred: this.deferred,
      files: this.files.length, rejected: this.rejected.length, warnings: this.warnings.length,
    };
  }

  /** The file went in: its savepoint is released. */
  async keep(_mark: ContextMark): Promise<void> {
    if (this.tx) await this.tx.execute(sql`release savepoint vigil_import_file`);
  }

  /** The file failed: everything it wrote is rolled back, and what this context learnt from it forgotten. */
  async restore(mark: ContextMark): Promise<void> {
    if (this.tx) await this.tx.execute(sql`rollback to savepoint vigil_import_file`);
    this.wrote = mark.wrote;
    for (const k of [...this.originals.keys()]) if (!mark.originals.has(k)) this.originals.delete(k);
    for (const k of [...this.facilityCache.keys()]) if (!mark.facilities.has(k)) this.facilityCache.delete(k);
    if (!mark.deferred && this.deferred) { this.deferred = false; this.deferredDefs = []; } // the rollback restored them
    this.files.length = mark.files;
    this.rejected.length = mark.rejected;
    this.warnings.length = mark.warnings;
  }

  /** Writes are still useful: no error so far, or --skip-invalid. */
  get writing(): boolean {
    return this.tx !== null && (this.options.skipInvalid || this.rejected.length === 0);
  }

  addProblems(problems: Problem[]): void {
    for (const p of problems) {
      const v: ProblemView = { file: p.file, sheet: p.sheet, row: p.row, column: p.column, ...(p.cell ? { cell: p.cell } : {}), severity: p.severity, message: p.message };
      (p.severity === 'error' ? this.rejected : this.warnings).push(v);
    }
  }

  /** The source the file joins: found by title (null id while it does not exist yet). */
  async lookupSource(f: FileImport): Promise<void> {
    if (!this.files.includes(f)) this.files.push(f);
    const s = await importRepository.sourceByTitle(this.db, f.sourceTitle);
    f.sourceId = s?.id ?? null;
    f.report.source = { id: s?.id ?? null, title: f.sourceTitle, created: !s };
  }

  /**
   * Before the first write of a file: its source (created when missing), the original into the
   * evidence vault (once per hash), and the import run row.
   */
  async begin(f: FileImport): Promise<{ sourceId: string; importId: string }> {
    if (f.sourceId && f.importId) return { sourceId: f.sourceId, importId: f.importId };
    const tx = this.tx!;
    this.wrote = true;
    if (!f.sourceId) {
      const s = await this.deps.registry.sources.create(this.actor, {
        kind: f.sourceKind, title: f.sourceTitle, fileSha256: f.sha256, sensitivity: this.options.sensitivity,
        ...(this.options.reliability ? { reliability: this.options.reliability } : {}),
        ...(this.options.obtained ? { obtained: this.options.obtained } : {}),
      }, tx);
      f.sourceId = s.id;
      f.report.source = { id: s.id, title: s.title, created: true };
    }
    await this.noteOriginal(f.original, f.sha256, f.name, f.sourceId, f);
    f.importId = await importRepository.insertRun(tx, {
      fileSha256: f.sha256, fileName: f.name, format: f.format, importedAs: f.kind, sourceId: f.sourceId,
      mapping: f.runMapping as object, stats: {}, actor: this.actor.id,
    });
    f.report.importId = f.importId;
    return { sourceId: f.sourceId, importId: f.importId };
  }

  /**
   * A file for the evidence vault: stored at commit time unless its bytes are there already (or
   * already noted in this import). Answers whether it is a duplicate.
   */
  async noteOriginal(original: Original, sha256: string, name: string, sourceId: string | null, f?: FileImport): Promise<{ duplicate: boolean }> {
    const pending = this.originals.get(sha256);
    if (pending) {
      if (f) pending.files.push(f);
      return { duplicate: true };
    }
    const known = await importRepository.evidenceBySha(this.db, sha256);
    if (known) {
      if (f) f.report.evidence = { id: known.id, sha256, duplicate: true };
      return { duplicate: true };
    }
    this.originals.set(sha256, { original, name, sourceId, files: f ? [f] : [] });
    return { duplicate: false };
  }

  /** Stores the noted files in the vault, in the import's transaction. */
  private async storeOriginals(): Promise<void> {
    let done = 0;
    for (const [sha256, o] of this.originals) {
      this.progress({ phase: 'media', done: done++, total: this.originals.size });
      const stream = 'path' in o.original ? createReadStream(o.original.path, { highWaterMark: 1 << 20 }) : Readable.from([Buffer.from(o.original.bytes)]);
      const r = await this.deps.vault().intake.add(this.actor, stream, { originalName: o.name.slice(-500), sourceId: o.sourceId, sensitivity: this.options.sensitivity }, { tx: this.tx! });
      if (r.item.sha256 !== sha256) throw new Error(`the vault stored ${r.item.sha256} for ${o.name}, whose bytes hashed to ${sha256}: the file changed while it was imported`);
      for (const f of o.files) f.report.evidence = { id: r.item.id, sha256, duplicate: false };
    }
    this.originals.clear();
  }

  /** Finds a facility by a name or alias (canonical key, else folded text); creates it when writing. */
  async facility(name: string, f: FileImport): Promise<{ id: string | null; created: boolean }> {
    const { nameKey, nameText } = searchColumns([name]);
    const cacheKey = nameKey || nameText || textKey(name);
    const cached = this.facilityCache.get(cacheKey);
    if (cached && (cached.id || this.dryRun)) return cached;
    const found = await importRepository.facilityByName(this.db, nameKey, nameText);
    if (found) {
      const v = { id: found.id, created: false, name: found.name };
      this.facilityCache.set(cacheKey, v);
      return v;
    }
    if (!f.report.facilitiesCreated.includes(name)) f.report.facilitiesCreated.push(name);
    if (this.dryRun || !this.writing) {
      const v = { id: null, created: true, name };
      this.facilityCache.set(cacheKey, v);
      return v;
    }
    const created = await this.deps.registry.facilities.create(this.actor, { name: name.slice(0, 300), sensitivity: this.options.sensitivity, notes: `Created by the import of ${f.name.slice(0, 300)} (sha256 ${f.sha256}).` }, this.tx!);
    const v = { id: created.id, created: true, name };
    this.facilityCache.set(cacheKey, v);
    this.wrote = true;
    return v;
  }

  /**
   * On PGlite, before many persons arrive at once: drop the persons' GIN search indexes and the
   * person records' foreign keys for the rest of the transaction, and build the indexes and add
   * (and so check) the keys again before it commits (see dropGinIndexes, dropForeignKeys).
   */
  async deferPersonIndexes(incoming: number): Promise<void> {
    if (this.deferred || this.deps.kind !== 'pglite' || incoming < 2000 || !this.tx) return;
    const existing = await importRepository.countPersons(this.tx);
    if (incoming * 10 < existing + incoming) return;
    this.deferred = true;
    this.deferredDefs = [...await dropGinIndexes(this.tx, 'persons'), ...await dropForeignKeys(this.tx, 'person_records')];
  }

  /**
   * Before commit: the noted files go into the vault, each written file's run gets its statistics
   * and audit event, and indexes and keys dropped for speed are restored.
   */
  async finish(): Promise<void> {
    if (!this.tx) return;
    await this.storeOriginals();
    for (const f of this.files) {
      if (!f.importId) continue;
      const r = f.report;
      const stats = {
        ...f.runExtra, rows: r.rows, imported: r.imported, created: r.created, versions: r.versions, unchanged: r.unchanged, rejected: r.rejected,
        warnings: r.warnings, facilitiesCreated: r.facilitiesCreated, victimsCreated: r.victimsCreated, ...(r.media ? { media: r.media } : {}),
        ...(r.evidence ? { evidenceId: r.evidence.id } : {}), skipInvalid: this.options.skipInvalid,
      };
      await importRepository.setRunStats(this.tx, f.importId, stats);
      await this.audit([{ actor: this.actor.id, entity: 'import_run', entityId: f.importId, action: 'create', diff: { after: { id: f.importId, fileSha256: f.sha256, kind: f.kind, sourceId: f.sourceId, stats } } }]);
    }
    if (this.deferredDefs.length) {
      this.progress({ phase: 'commit', done: 0, total: 1 });
      await createIndexes(this.tx, this.deferredDefs);
      this.deferredDefs = [];
    }
  }

  audit(events: AuditInput[]): Promise<void> {
    return auditMany(this.tx!, events);
  }

  newId(): string {
    return randomUUID();
  }
}

/** The persons row of a new person with a single record (as PersonService.addRecordsBulk derives it). */
export function personRowOf(r: {
  familyName: string | null; givenName: string | null; patronymic: string | null; fullName: string | null; status: string;
  statusDate: string | null; statusEarliest: string | null; birth: string | null; nameKey: string; nameText: string; sensitivity: string;
}, id: string) {
  const name = composeName(r);
  const known = r.status !== 'unknown';
  return {
    id,
    displayName: name || '(no name)',
    displayNameLatin: name && scriptOf(name) === 'latin' ? name : null,
    status: known ? r.status : 'unknown',
    statusDate: known ? r.statusDate : null,
    statusEarliest: known ? r.statusEarliest : null,
    birth: r.birth,
    recordCount: 1,
    nameTokens: [...new Set(r.nameKey.split(' ').filter(Boolean))].sort(),
    nameKey: r.nameKey,
    nameText: r.nameText,
    sensitivity: r.sensitivity,
  };
}
