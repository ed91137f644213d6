/**
 * The import service: files (lists, Telegram exports, documents) → registry, evidence vault and
 * searchable text, all or nothing. One import (one or more files) is one transaction: a file with
 * errors writes nothing (unless skipInvalid: valid rows go in, rejected rows are stored with their
 * reasons), a crash leaves the workspace as it was, and importing the same file again adds nothing.
 * A dry run validates and classifies exactly as a real import does, and writes nothing.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { inTransaction, type Db } from '../db';
import { NotFoundError, type Actor } from '../domain';
import { isPublicActor, readableSensitivities, validate } from '../registry';
import { extractDocument } from './documents';
import { streamCsv } from './csv-stream';
import { detectInput } from './detect';
import { ImportError, describeError, isImportError } from './errors';
import { FIELDS_BY_KIND, type ListKind } from './fields';
import { sha256Hex } from './hash';
import { suggestMapping } from './headers';
import { emptyFileReport, FileImport, ImportContext, Rollback, type ImportDeps, type ResolvedOptions } from './import.context';
import { importDocument } from './import.documents';
import { parseRowRef } from './import.keys';
import { ListImport } from './import.lists';
import { importRepository } from './import.repository';
import {
  importOptionsInput, importRunListQuery,
  type FileReport, type ImportOptionsInput, type ImportPreview, type ImportProgress, type ImportReport, type ImportRunView, type ProblemView,
} from './import.schema';
import { importTelegram, messageKey, telegramProblems } from './import.telegram';
import { resolveMapping, type ColumnMapping, type MappingFile } from './mapping';
import { fileRef, validateSheet } from './rows';
import type { Problem } from './rows.schema';
import { readTabular, type Sheet } from './tabular';
import { readTelegramExport } from './telegram';

export type { ImportDeps } from './import.context';

/** A file to import: its path, and the name to report and store (default: the path's base name). */
export interface ImportInput {
  path: string;
  name?: string;
}

export interface ImportCallOptions extends ImportOptionsInput {
  /** A parsed mapping file (lists). */
  mapping?: MappingFile;
  onProgress?: (p: ImportProgress) => void;
}

const PREVIEW_ROWS = 20;
const LIST_CHUNK = 5000;
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PREVIEW_PROBLEMS = 5000;

function toView(p: Problem): ProblemView {
  return { file: p.file, sheet: p.sheet, row: p.row, column: p.column, ...(p.cell ? { cell: p.cell } : {}), severity: p.severity, message: p.message };
}

function fileProblem(file: string, message: string, severity: 'error' | 'warning' = 'error'): ProblemView {
  return { file, row: 0, column: '(file)', severity, message };
}

interface ListPlan { sheet: Sheet; mapping: ColumnMapping }

/** Sheets of a tabular file with their mappings; sheets whose kind cannot be told are skipped when others can. */
function planSheets(sheets: Sheet[], options: { as: ResolvedOptions['as']; mapping?: MappingFile }, name: string): { plans: ListPlan[]; skipped: ProblemView[] } {
  const plans: ListPlan[] = [];
  const skipped: ProblemView[] = [];
  let firstError: ImportError | null = null;
  for (const sheet of sheets) {
    try {
      plans.push({ sheet, mapping: resolveMapping(sheet.header, { as: options.as, mapping: options.mapping }) });
    } catch (e) {
      if (isImportError(e) && e.code === 'unknown_kind' && sheets.length > 1) {
        firstError ??= e;
        skipped.push({ file: name, sheet: sheet.name, row: sheet.headerRows[0] ?? 1, column: '(sheet)', severity: 'warning', message: `sheet "${sheet.name}" not imported: ${e.message}` });
        continue;
      }
      throw e;
    }
  }
  if (plans.length === 0) throw firstError ?? new ImportError('empty_file', `${name} has no sheet with data`, { file: name });
  return { plans, skipped };
}

function mappingRecord(plans: ListPlan[], extra: Record<string, unknown>) {
  return {
    ...extra,
    sheets: plans.map(({ sheet, mapping }) => ({
      name: sheet.name, kind: mapping.kind, kindReason: mapping.kindReason, dateOrder: mapping.dateOrder, headerRows: sheet.headerRows,
      columns: sheet.header.map((h) => ({ header: h, letter: sheet.columnLetters[h], field: mapping.columns[h] ?? null, how: mapping.source[h] })),
    })),
  };
}

export class ImportService {
  constructor(private readonly deps: ImportDeps) {}

  private resolve(options: ImportCallOptions): ResolvedOptions {
    const { mapping: _m, onProgress: _p, ...rest } = options;
    return validate(importOptionsInput, rest) as ResolvedOptions;
  }

  /**
   * Imports files. Never throws for what is in the files: every problem is in the report (rows
   * rejected, files that cannot be read). Throws only for failures of the workspace itself.
   */
  async run(actor: Actor, inputs: ImportInput[], options: ImportCallOptions = {}): Promise<ImportReport> {
    const opts = this.resolve(options);
    const progress = options.onProgress ?? (() => {});
    const reports: FileReport[] = [];
    let ctx!: ImportContext;
    const body = async (tx: Db | null) => {
      ctx = new ImportContext(this.deps, actor, opts, tx, progress);
      for (let i = 0; i < inputs.length; i++) {
        progress({ phase: 'read', done: i, total: inputs.length, file: inputs[i].name ?? basename(inputs[i].path) });
        reports.push(await this.importOne(ctx, inputs[i], options.mapping));
      }
      progress({ phase: 'read', done: inputs.length, total: inputs.length });
      if (ctx.tx) {
        if (ctx.rejected.length > 0 && !opts.skipInvalid) throw new Rollback('invalid');
        if (!ctx.wrote) throw new Rollback('nothing');
        await ctx.finish();
        progress({ phase: 'commit', done: 1, total: 1 });
      }
    };
    let committed = false;
    if (opts.dryRun) {
      await body(null);
    } else {
      try {
        await inTransaction(this.deps.db, (tx) => body(tx));
        committed = true;
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
      }
    }
    for (const r of reports) {
      if (r.status === 'failed') continue;
      const hasErrors = ctx.rejected.some((p) => p.file === r.file);
      if (opts.dryRun) r.status = hasErrors ? 'invalid' : 'checked';
      else if (committed && r.importId) r.status = 'imported';
      else if (hasErrors && !opts.skipInvalid) r.status = 'invalid';
      else if (!committed && r.imported > 0) r.status = 'not_imported';
      else r.status = 'unchanged';
      if (!committed) {
        r.importId = null;
        r.evidence = null;
        if (r.source && r.source.created) r.source.id = null;
      }
    }
    const written = committed;
    return {
      dryRun: opts.dryRun,
      written,
      imported: reports.reduce((n, r) => n + (written || opts.dryRun ? r.imported : 0), 0),
      unchanged: reports.reduce((n, r) => n + r.unchanged, 0),
      rejected: ctx.rejected,
      warnings: ctx.warnings,
      files: reports,
    };
  }

  /**
   * One file, inside a savepoint of the import's transaction: a file that turns out unreadable half
   * way (a CSV cut inside a quoted cell…) takes back everything it wrote, and is reported failed.
   */
  private async importOne(ctx: ImportContext, input: ImportInput, mapping?: MappingFile): Promise<FileReport> {
    const name = input.name ?? basename(input.path);
    const report = emptyFileReport(name);
    const mark = await ctx.mark();
    try {
      const detected = await detectInput(input.path);
      if (detected.kind === 'unsupported') throw new ImportError('unsupported_format', `${name}: ${detected.reason}`, { file: name });
      if (detected.kind === 'tabular') await this.importTabular(ctx, report, input.path, name, mapping);
      else if (detected.kind === 'telegram') await this.importTelegramExport(ctx, report, detected.resultJson, name);
      else await this.importDocumentFile(ctx, report, input.path, name);
      await ctx.keep(mark);
    } catch (e) {
      if (!isImportError(e)) throw e;
      await ctx.restore(mark);
      Object.assign(report, { status: 'failed', error: e.message, imported: 0, created: 0, versions: 0, unchanged: 0, rejected: 0, importId: null, evidence: null, facilitiesCreated: [], victimsCreated: 0 });
      ctx.rejected.push(fileProblem(name, e.message));
    }
    return report;
  }

  private async readBytes(path: string, name: string): Promise<Uint8Array> {
    try {
      return await readFile(path);
    } catch (e) {
      throw new ImportError('unreadable', `cannot read ${name}: ${describeError(e)}`, { file: name });
    }
  }

  private async importTabular(ctx: ImportContext, report: FileReport, path: string, name: string, mapping?: MappingFile): Promise<void> {
    const bytes = await this.readBytes(path, name);
    const file = fileRef(name, bytes);
    // CSV is read as a stream of rows (flat memory on large lists); XLSX workbooks whole.
    const isCsv = bytes.length > 0 && !ZIP.every((b, i) => bytes[i] === b) && !CFB.every((b, i) => bytes[i] === b);
    const stream = isCsv ? streamCsv(bytes, { fileName: name }) : null;
    const tab = stream
      ? { format: 'csv' as const, sheets: [stream.sheet], skipped: [], encoding: stream.encoding, delimiter: stream.delimiter }
      : await readTabular(bytes, { fileName: name });
    const { plans, skipped } = planSheets(tab.sheets, { as: ctx.options.as, mapping }, name);
    for (const s of [...tab.skipped.map((s) => fileProblem(name, `sheet "${s.name}" not imported: ${s.reason}`, 'warning')), ...skipped]) ctx.warnings.push(s);
    const f = new FileImport(report, file.sha256, name, { path }, plans[0].mapping.kind, tab.format, ctx.options.source ?? name, 'list');
    f.runMapping = mappingRecord(plans, { format: tab.format, ...(tab.encoding ? { encoding: tab.encoding.encoding } : {}), ...(tab.delimiter ? { delimiter: tab.delimiter } : {}) });
    f.runExtra = { kinds: [...new Set(plans.map((p) => p.mapping.kind))] };
    await ctx.lookupSource(f);
    report.sheets = plans.map(({ sheet, mapping: m }) => ({
      name: sheet.name, kind: m.kind, kindReason: m.kindReason, rows: sheet.rows.length, accepted: 0, rejected: 0,
      columns: sheet.header.map((h) => ({ header: h, field: m.columns[h] ?? null, letter: sheet.columnLetters[h] })),
    }));
    const list = new ListImport(ctx, f, file);
    const warningsBefore = ctx.warnings.length;
    for (const { sheet, mapping: m } of plans) {
      await list.sheet(sheet, m, stream ? { chunks: stream.chunks(LIST_CHUNK), estimatedRows: stream.estimatedRows } : undefined);
    }
    await list.finish();
    for (const s of report.sheets) {
      const c = list.counts.get(s.name);
      if (c) { s.accepted = c.accepted; s.rejected = c.rejected; }
    }
    report.warnings += ctx.warnings.length - warningsBefore;
  }

  private async importTelegramExport(ctx: ImportContext, report: FileReport, resultJson: string, name: string): Promise<void> {
    const exp = await readTelegramExport(resultJson, { username: ctx.options.telegramUsername });
    const chat = exp.chats[0];
    const title = ctx.options.source ?? `Telegram: ${chat?.name ?? chat?.id ?? name}`;
    const f = new FileImport(report, exp.fileSha256, name, { path: resultJson }, 'telegram', 'telegram-json', title, 'media');
    f.runMapping = { chats: exp.chats };
    await ctx.lookupSource(f);
    await importTelegram(ctx, f, exp);
  }

  private async importDocumentFile(ctx: ImportContext, report: FileReport, path: string, name: string): Promise<void> {
    const bytes = await this.readBytes(path, name);
    const doc = await extractDocument(bytes, { fileName: name, ocr: ctx.options.ocr });
    const f = new FileImport(report, doc.sha256, name, { path }, 'document', doc.format, ctx.options.source ?? name, doc.format === 'html' ? 'article' : 'document');
    f.runMapping = { format: doc.format, mediaType: doc.mediaType, method: doc.method };
    await ctx.lookupSource(f);
    await importDocument(ctx, f, doc);
  }

  /**
   * What an import of one file would do, writing nothing: its kind, columns with their fields and
   * confidence, ranked suggestions, the first 20 validated rows, every problem (up to 5,000) and counts.
   */
  async preview(actor: Actor, input: ImportInput, options: ImportCallOptions = {}): Promise<ImportPreview> {
    void actor;
    const opts = this.resolve(options);
    const name = input.name ?? basename(input.path);
    const detected = await detectInput(input.path);
    if (detected.kind === 'unsupported') throw new ImportError('unsupported_format', `${name}: ${detected.reason}`, { file: name });
    if (detected.kind === 'telegram') {
      const exp = await readTelegramExport(detected.resultJson, { username: opts.telegramUsername });
      const problems = telegramProblems(exp, name).map(toView);
      const rejected = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.row)).size;
      return {
        file: name, sha256: exp.fileSha256, kind: 'telegram', format: 'telegram-json', columns: [], suggestions: {}, fields: [],
        rows: exp.entries.slice(0, PREVIEW_ROWS).map((e) => ({
          row: e.messageId, sheet: e.chat.name ?? '', rowHash: e.contentHash, notes: [], cells: {}, original: {},
          data: { key: messageKey(e), kind: e.kind, dateUtc: e.dateUtc, author: e.author.name, forwardedFrom: e.forwardedFrom, url: e.url, text: e.text.slice(0, 2000), media: e.media.map(({ absolutePath: _a, ...m }) => m) },
        })),
        problems: problems.slice(0, PREVIEW_PROBLEMS),
        stats: { dataRows: exp.entries.length + rejected, accepted: exp.entries.length, rejected, warnings: problems.length - problems.filter((p) => p.severity === 'error').length, sheets: exp.chats.length },
        messages: exp.entries.length,
      };
    }
    const bytes = await this.readBytes(input.path, name);
    if (detected.kind === 'document') {
      const doc = await extractDocument(bytes, { fileName: name, ocr: opts.ocr });
      return {
        file: name, sha256: doc.sha256, kind: 'document', format: doc.format, columns: [], suggestions: {}, fields: [], rows: [],
        problems: doc.warnings.map((w) => fileProblem(name, w, 'warning')), text: doc.text.slice(0, 20_000),
        stats: { dataRows: 1, accepted: 1, rejected: 0, warnings: doc.warnings.length, sheets: 0 },
      };
    }
    const file = fileRef(name, bytes);
    const tab = await readTabular(bytes, { fileName: name });
    const problems: ProblemView[] = tab.skipped.map((s) => fileProblem(name, `sheet "${s.name}" not imported: ${s.reason}`, 'warning'));
    let plans: ListPlan[];
    try {
      ({ plans } = planSheets(tab.sheets, { as: opts.as, mapping: options.mapping }, name));
    } catch (e) {
      if (!isImportError(e) || e.code !== 'unknown_kind') throw e;
      // The wizard still needs the columns: show the first sheet as a persons list and say so.
      problems.push(fileProblem(name, `${e.message}; shown as a persons list`, 'warning'));
      plans = [{ sheet: tab.sheets[0], mapping: resolveMapping(tab.sheets[0].header, { as: 'persons' }) }];
    }
    const { sheet, mapping } = plans[0];
    const kind: ListKind = mapping.kind;
    const samples = (h: string) => sheet.rows.map((r) => r.cells[h] ?? '').filter((v) => v.trim() !== '').slice(0, 3);
    const columns = sheet.header.map((h) => {
      const field = mapping.columns[h] ?? null;
      const how = mapping.source[h];
      const confidence = field === null ? 0 : how === 'mapping' ? 1 : (suggestMapping(h, kind).find((s) => s.field === field)?.confidence ?? 0.5);
      return { header: h, letter: sheet.columnLetters[h], field, confidence, source: how, samples: samples(h) };
    });
    const suggestions = Object.fromEntries(sheet.header.map((h) => [h, suggestMapping(h, kind).slice(0, 5)]));
    let dataRows = 0, accepted = 0, rejected = 0;
    const rows: ImportPreview['rows'] = [];
    for (const plan of plans) {
      const res = validateSheet(file, plan.sheet, plan.mapping, { today: opts.today });
      dataRows += res.stats.dataRows; accepted += res.stats.accepted; rejected += res.stats.rejected;
      for (const p of res.problems) if (problems.length < PREVIEW_PROBLEMS) problems.push(toView(p));
      for (const r of res.rows) {
        if (rows.length >= PREVIEW_ROWS) break;
        rows.push({ row: r.provenance.row, sheet: r.provenance.sheet, data: r.data as Record<string, unknown>, original: r.original as Record<string, string>, cells: r.provenance.cells as Record<string, string>, notes: r.notes, rowHash: r.rowHash });
      }
    }
    return {
      file: name, sha256: file.sha256, kind, format: tab.format, kindReason: mapping.kindReason, sheet: sheet.name, columns, suggestions,
      fields: [...FIELDS_BY_KIND[kind]], rows, problems,
      stats: { dataRows, accepted, rejected, warnings: problems.filter((p) => p.severity === 'warning').length, sheets: plans.length },
    };
  }

  /** Import runs, newest first, each with its rejected rows (of sources the actor may read). */
  async list(actor: Actor, query: unknown): Promise<{ items: ImportRunView[]; total: number }> {
    const q = validate(importRunListQuery, query);
    return this.runs(actor, q);
  }

  /** One import run with its rejected rows. */
  async get(actor: Actor, id: string): Promise<ImportRunView> {
    const { items } = await this.runs(actor, { id, limit: 1, offset: 0 });
    if (!items.length) throw new NotFoundError('import run', id);
    return items[0];
  }

  /** Runs whose source the actor may read (their rejected rows hold whole rows as written); none for the public. */
  private async runs(actor: Actor, q: { id?: string; fileSha256?: string; sourceId?: string; limit: number; offset: number }): Promise<{ items: ImportRunView[]; total: number }> {
    if (isPublicActor(actor)) return { items: [], total: 0 };
    const { items, rejects, total } = await importRepository.listRuns(this.deps.db, q, readableSensitivities(actor));
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    return {
      total,
      items: items.map((r) => ({
        id: String(r.id), fileName: String(r.file_name), fileSha256: String(r.file_sha256), format: String(r.format), importedAs: String(r.imported_as),
        sourceId: (r.source_id as string | null) ?? null, sourceTitle: (r.source_title as string | null) ?? null,
        stats: (json(r.stats) ?? {}) as Record<string, unknown>, mapping: json(r.mapping) ?? null, at: String(r.at), actor: String(r.actor),
        rejects: rejects.filter((x) => x.import_id === r.id).map((x) => ({ sheet: (x.sheet as string | null) ?? null, row: Number(x.row), column: (x.column as string | null) ?? null, message: String(x.message), raw: json(x.raw) ?? null })),
      })),
    };
  }

  /**
   * Where an imported record came from: file (by hash and name), sheet, row, and the column and cell
   * of every field, from a person record's or import item's row_ref and the import run's mapping.
   */
  async provenance(rowRefText: string): Promise<{ fileSha256: string; file: string; sheet: string; row: number; columns: Record<string, string>; cells: Record<string, string> } | null> {
    const ref = parseRowRef(rowRefText);
    if (!ref) return null;
    for (const run of await importRepository.runsOfFile(this.deps.db, ref.fileSha256)) {
      const mapping = (typeof run.mapping === 'string' ? JSON.parse(run.mapping) : run.mapping) as { sheets?: { name: string; columns: { header: string; letter: string; field: string | null }[] }[] } | null;
      const sheet = mapping?.sheets?.find((s) => s.name.slice(0, 200) === ref.sheet);
      if (!sheet) continue;
      const columns: Record<string, string> = {};
      const cells: Record<string, string> = {};
      for (const c of sheet.columns) if (c.field) { columns[c.field] = c.header; cells[c.field] = `${c.letter}${ref.row}`; }
      return { fileSha256: ref.fileSha256, file: String(run.file_name), sheet: sheet.name, row: ref.row, columns, cells };
    }
    return null;
  }
}

/** Content hash of bytes, as the import stores it (exported for callers that hash before uploading). */
export const importHash = sha256Hex;
