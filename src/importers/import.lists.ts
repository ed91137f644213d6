/**
 * Lists (CSV/XLSX) into the registry: persons, custody episodes, allegations. Rows are validated and
 * written in chunks inside the import's transaction; each row is classified by its key (see
 * import.keys.ts) as new, a new version of an earlier row (its content hash changed) or unchanged.
 */
import { dateColumns, personRecordInput, recordRow, custodyInput, allegationInput, searchColumns } from '../registry';
import type { Field, ListKind } from './fields';
import { emptyFileReport, personRowOf, type FileImport, type ImportContext } from './import.context';
import { KeyDeduper, baseRowKey, isSequenceHeader, perpetratorKind, rowRef, textKey } from './import.keys';
import { importRepository, type CurrentItem, type CurrentRecord } from './import.repository';
import type { FileReport } from './import.schema';
import type { ColumnMapping } from './mapping';
import { validateSheet } from './rows';
import type { AllegationData, CustodyData, PersonData, Problem, SourceFileRef, ValidatedRow } from './rows.schema';
import type { Sheet, SheetRow } from './tabular';

export { emptyFileReport };

const CHUNK = 5000;

const NATURAL: Record<ListKind, string> = {
  persons: 'service number, else name and birth date',
  custody: 'service number, else name and birth date; with facility and start date',
  allegations: 'types, date, victims, facility or place',
};

/** Registry field → importer field, for naming the column of a registry validation issue. */
const REGISTRY_FIELD: Record<string, Field> = { birth: 'birthDate', from: 'from', to: 'to', when: 'date', typeCode: 'types' };

type AnyData = PersonData | CustodyData | AllegationData;
type PersonInput = ReturnType<typeof personRecordInput.parse>;

interface SheetCounts { rows: number; accepted: number; rejected: number }

interface Pending {
  row: ValidatedRow<AnyData>;
  key: string;
  /** The person record of the row (persons, custody; allegations when the row names its victim). */
  person?: { input: PersonInput; prev?: CurrentRecord };
  prevItem?: CurrentItem;
}

function registryProblems(f: FileImport, row: ValidatedRow<AnyData>, issues: { path: PropertyKey[]; message: string }[]): Problem[] {
  return issues.map((i) => {
    const name = String(i.path[0] ?? '');
    const field = (REGISTRY_FIELD[name] ?? name) as Field;
    const column = row.provenance.columns[field] ?? `(${name || 'row'})`;
    const cell = row.provenance.cells[field];
    return { file: f.name, sheet: row.provenance.sheet, row: row.provenance.row, column, ...(cell ? { cell } : {}), severity: 'error' as const, message: `${name || 'row'}: ${i.message}` };
  });
}

function personInputOf(d: PersonData, sourceId: string, key: string, ref: string, sensitivity: string) {
  return {
    sourceId, recordKey: key, rowRef: ref,
    familyName: d.familyName, givenName: d.givenName, patronymic: d.patronymic, fullName: d.fullName,
    birth: d.birthDate?.text, birthPlace: d.birthPlace, sex: d.sex ?? 'unknown', citizenship: d.citizenship,
    unit: d.unit, rank: d.rank, serviceNumber: d.serviceNumber, status: d.status ?? 'unknown', statusDate: d.statusDate?.text,
    sensitivity,
  };
}

const hasPersonName = (d: PersonData) => Boolean(d.familyName || d.givenName || d.fullName);
/** Placeholder id for validating registry inputs before the real ids exist. */
const NIL = '00000000-0000-4000-8000-000000000000';

export class ListImport {
  readonly counts = new Map<string, SheetCounts>();
  private pendingRejects: { sheet: string; row: number; column: string; message: string; raw: Record<string, string> }[] = [];
  private victimIndex: VictimIndex | null = null;
  /** Row keys are unique within a file (across its sheets too: keys start with the kind). */
  private readonly dedupe = new KeyDeduper();
  /** Records made for victims named in cells, by key. */
  private readonly victimRecords = new Map<string, CurrentRecord>();

  constructor(private readonly ctx: ImportContext, private readonly f: FileImport, private readonly file: SourceFileRef) {}

  get report(): FileReport {
    return this.f.report;
  }

  /**
   * Validates and (unless dry run) writes one sheet, chunk by chunk: from `source` (a CSV streamed
   * as it is parsed), else from `sheet.rows` (consumed as it goes).
   */
  async sheet(sheet: Sheet, mapping: ColumnMapping, source?: { chunks: AsyncIterable<SheetRow[]>; estimatedRows: number }): Promise<void> {
    const { ctx, f } = this;
    const kind = mapping.kind;
    const total = source ? source.estimatedRows : sheet.rows.length;
    const counts: SheetCounts = { rows: 0, accepted: 0, rejected: 0 };
    this.counts.set(sheet.name, counts);
    const dedupe = this.dedupe;
    const idColumn = mapping.fieldColumns.externalId;
    const useId = idColumn !== undefined && !isSequenceHeader(idColumn);
    const sequence = new Set(sheet.header.filter(isSequenceHeader));
    const sheetReport = f.report.sheets.find((s) => s.name === sheet.name);
    if (sheetReport) sheetReport.rowIdentity = useId ? `id column "${idColumn}"` : `natural key (${NATURAL[kind]})${idColumn ? `; "${idColumn}" numbers the rows, not taken as identity` : ''}`;
    const chunks = source?.chunks ?? (async function* () { while (sheet.rows.length > 0) yield sheet.rows.splice(0, CHUNK); })();
    let done = 0;
    let notesSeen = 0;
    let first = true;
    for await (const rows of chunks) {
      // notes (cells beyond the header…) found while reading go with the chunk that revealed them;
      // columns of running numbers are left out of validation: neither identity nor content
      const header = sequence.size ? sheet.header.filter((h) => !sequence.has(h)) : sheet.header;
      const sub: Sheet = { ...sheet, header, rows, notes: sheet.notes.slice(notesSeen) };
      notesSeen = sheet.notes.length;
      const res = validateSheet(this.file, sub, first ? mapping : { ...mapping, warnings: [] }, { today: ctx.options.today });
      first = false;
      counts.rows += rows.length;
      f.report.rows += rows.length;
      const problems: Problem[] = [...res.problems];
      const bad = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.row));
      const pending: Pending[] = [];
      // earlier versions of this chunk's rows, looked up by key (memory stays flat on large sources)
      const keyed = (res.rows as ValidatedRow<AnyData>[]).map((row) => ({ row, key: dedupe.next(baseRowKey(kind, row.data, useId)) }));
      const keys = keyed.map((k) => k.key);
      const existing: Map<string, CurrentRecord> = f.sourceId ? await importRepository.currentRecords(ctx.db, f.sourceId, keys) : new Map();
      const items: Map<string, CurrentItem> = kind !== 'persons' && f.sourceId ? await importRepository.currentItems(ctx.db, f.sourceId, kind, keys) : new Map();
      for (const { row, key } of keyed) {
        const p = this.plan(kind, row, key, existing, items, problems);
        if (p === 'unchanged') { counts.accepted++; f.report.unchanged++; continue; }
        if (p === null) { bad.add(row.provenance.row); continue; }
        counts.accepted++;
        pending.push(p);
      }
      counts.rejected += bad.size;
      f.report.rejected += bad.size;
      ctx.addProblems(problems.sort((a, b) => a.row - b.row));
      for (const r of rows) {
        if (!bad.has(r.rowNumber)) continue;
        for (const p of problems) {
          if (p.row === r.rowNumber && p.severity === 'error') this.pendingRejects.push({ sheet: sheet.name, row: r.rowNumber, column: p.column, message: p.message, raw: r.cells });
        }
      }
      for (const p of pending) {
        if (p.person?.prev || p.prevItem) f.report.versions++;
        else f.report.created++;
      }
      f.report.imported += pending.length;
      if (ctx.writing && pending.length) {
        await ctx.begin(f);
        await this.write(kind, pending, Math.max(pending.length, total - done));
      } else if (pending.length) {
        await this.dryFacilities(kind, pending);
      }
      done += rows.length;
      ctx.progress({ phase: ctx.dryRun ? 'validate' : 'write', done: Math.min(done, total), total: Math.max(total, done), file: f.name });
    }
    if (sheetReport) sheetReport.rows = counts.rows;
    ctx.progress({ phase: ctx.dryRun ? 'validate' : 'write', done, total: done, file: f.name });
  }

  /** After every sheet: rejected rows are stored (when the file is written, or was never imported before). */
  async finish(): Promise<void> {
    const { ctx, f } = this;
    if (!ctx.writing || this.pendingRejects.length === 0) return;
    if (!f.importId) {
      if (f.sourceId && await importRepository.runExists(ctx.db, f.sha256, f.sourceId, f.kind)) return;
      await ctx.begin(f);
    }
    await importRepository.insertRejects(ctx.tx!, this.pendingRejects.map((r) => ({ importId: f.importId, sheet: r.sheet, row: r.row, column: r.column, message: r.message, raw: r.raw })));
  }

  /** Classifies a validated row: unchanged, null (rejected: problems added), or pending with what it needs. */
  private plan(kind: ListKind, row: ValidatedRow<AnyData>, key: string, existing: Map<string, CurrentRecord>, items: Map<string, CurrentItem>, problems: Problem[]): Pending | 'unchanged' | null {
    const { f, ctx } = this;
    const prevItem = kind === 'persons' ? undefined : items.get(key);
    const prevRecord = existing.get(key);
    if (kind === 'persons' ? prevRecord?.rowHash === row.rowHash : prevItem?.rowHash === row.rowHash) return 'unchanged';
    const ref = rowRef(f.sha256, row.provenance.sheet, row.provenance.row);
    const p: Pending = { row, key, prevItem };
    const issues: { path: PropertyKey[]; message: string }[] = [];
    if (kind !== 'allegations' || hasPersonName(row.data)) {
      const r = personRecordInput.safeParse(personInputOf(row.data, f.sourceId ?? NIL, key, ref, ctx.options.sensitivity));
      if (!r.success) issues.push(...r.error.issues);
      else p.person = { input: r.data, prev: prevRecord };
    }
    if (kind === 'custody') {
      const c = row.data as CustodyData;
      const r = custodyInput.safeParse({ personRecordId: NIL, facilityId: NIL, sourceId: NIL, from: c.from?.text, to: c.to?.text, notes: c.notes, sensitivity: ctx.options.sensitivity });
      if (!r.success) issues.push(...r.error.issues);
    }
    if (kind === 'allegations') {
      const a = row.data as AllegationData;
      for (const typeCode of a.types) {
        const r = allegationInput.safeParse({
          typeCode, when: a.date?.text, place: a.place, narrative: a.narrative, sourceId: NIL, credibility: a.credibility, sensitivity: ctx.options.sensitivity,
          perpetrators: (a.perpetrators ?? []).map((name) => ({ kind: perpetratorKind(name), name })),
        });
        if (!r.success) { issues.push(...r.error.issues); break; }
      }
      if ((a.victimNames ?? []).some((n) => !textKey(n))) issues.push({ path: ['victimNames'], message: 'a victim name has no letters' });
    }
    if (issues.length) {
      problems.push(...registryProblems(f, row, issues));
      return null;
    }
    return p;
  }

  /** Dry run: facilities that would be created are still reported. */
  private async dryFacilities(kind: ListKind, pending: Pending[]): Promise<void> {
    if (kind === 'persons') return;
    for (const p of pending) {
      const name = (p.row.data as CustodyData | AllegationData).facility;
      if (name) await this.ctx.facility(name, this.f);
    }
  }

  private async write(kind: ListKind, pending: Pending[], remaining: number): Promise<void> {
    const newPersons = pending.filter((p) => p.person && !p.person.prev).length;
    if (newPersons > 0) await this.ctx.deferPersonIndexes(Math.max(newPersons, remaining));
    const recordIds = await this.writeRecords(pending);
    if (kind === 'custody') await this.writeCustody(pending, recordIds);
    if (kind === 'allegations') await this.writeAllegations(pending, recordIds);
  }

  /** Person records of the chunk: new persons with their first record, or new versions superseding the current one. */
  private async writeRecords(pending: Pending[]): Promise<Map<Pending, string>> {
    const { ctx, f } = this;
    const tx = ctx.tx!;
    const sourceId = f.sourceId!;
    const persons: Record<string, unknown>[] = [];
    const records: Record<string, unknown>[] = [];
    const supersede: string[] = [];
    const refresh = new Set<string>();
    const ids = new Map<Pending, string>();
    const audits: { actor: string; entity: string; entityId: string; action: string; diff: unknown }[] = [];
    for (const p of pending) {
      if (!p.person) continue;
      const prev = p.person.prev;
      const personId = prev?.personId ?? ctx.newId();
      const id = ctx.newId();
      const rec = { ...recordRow({ ...p.person.input, sourceId }, personId, ctx.actor.id), id, rowHash: p.row.rowHash, version: prev ? prev.version + 1 : 1, supersedes: prev?.id ?? null };
      records.push(rec);
      ids.set(p, id);
      if (prev) { supersede.push(prev.id); refresh.add(personId); } else persons.push(personRowOf(rec, personId));
      audits.push({
        actor: ctx.actor.id, entity: 'person_record', entityId: id, action: prev ? 'correct' : 'create',
        // the record itself (immutable) holds its content, source, row_ref and version; the event names the import
        diff: prev ? { importId: f.importId, version: rec.version, supersedes: prev.id } : { importId: f.importId },
      });
    }
    if (!records.length) return ids;
    await importRepository.insertPersons(tx, persons);
    await importRepository.supersedeRecords(tx, supersede);
    await importRepository.insertRecords(tx, records);
    for (const pid of refresh) await ctx.deps.registry.persons.refreshPerson(tx, pid);
    await ctx.audit(audits);
    return ids;
  }

  private async writeCustody(pending: Pending[], recordIds: Map<Pending, string>): Promise<void> {
    const { ctx, f } = this;
    const tx = ctx.tx!;
    const episodes: Record<string, unknown>[] = [];
    const newItems: Record<string, unknown>[] = [];
    const supersede: string[] = [];
    const audits: { actor: string; entity: string; entityId: string; action: string; diff: unknown }[] = [];
    for (const p of pending) {
      const c = p.row.data as CustodyData;
      const facility = await ctx.facility(c.facility, f);
      const recordId = recordIds.get(p)!;
      const from = dateColumns(c.from?.text), to = dateColumns(c.to?.text);
      const dates = { fromDate: from.text, fromEarliest: from.earliest, fromLatest: from.latest, toDate: to.text, toEarliest: to.earliest, toLatest: to.latest };
      let episodeId = p.prevItem?.entities.custodyEpisodeId;
      const before = episodeId ? await importRepository.episode(tx, episodeId) : undefined;
      if (episodeId && before) {
        const after = await importRepository.updateEpisode(tx, episodeId, { facilityId: facility.id!, notes: c.notes ?? null, ...dates });
        audits.push({ actor: ctx.actor.id, entity: 'custody_episode', entityId: episodeId, action: 'update', diff: { before: episodeView(before), after: episodeView(after), importId: f.importId } });
      } else {
        episodeId = ctx.newId();
        const row = { id: episodeId, personRecordId: recordId, facilityId: facility.id!, sourceId: f.sourceId!, notes: c.notes ?? null, sensitivity: ctx.options.sensitivity, createdBy: ctx.actor.id, ...dates };
        episodes.push(row);
        audits.push({ actor: ctx.actor.id, entity: 'custody_episode', entityId: episodeId, action: 'create', diff: { after: episodeView(row), importId: f.importId } });
      }
      const item = this.item(p, 'custody', { personRecordIds: [recordId], custodyEpisodeId: episodeId });
      newItems.push(item);
      if (p.prevItem) supersede.push(p.prevItem.id);
    }
    await importRepository.insertEpisodes(tx, episodes);
    await importRepository.supersedeItems(tx, supersede);
    await importRepository.insertItems(tx, newItems);
    await ctx.audit(audits);
  }

  private async victims(): Promise<VictimIndex> {
    if (!this.victimIndex) {
      this.victimIndex = new VictimIndex();
      for (const [key, r] of await importRepository.recordsByNameKey(this.ctx.tx!, this.f.sourceId!)) this.victimIndex.add(key, r.id);
    }
    return this.victimIndex;
  }

  private async writeAllegations(pending: Pending[], recordIds: Map<Pending, string>): Promise<void> {
    const { ctx, f } = this;
    const tx = ctx.tx!;
    const index = await this.victims();
    for (const [p, id] of recordIds) {
      const nk = searchColumns([(p.row.data.familyName ?? ''), (p.row.data.givenName ?? ''), (p.row.data.patronymic ?? ''), (p.row.data.fullName ?? '')]).nameKey;
      if (nk) index.add(nk, id);
    }
    const newItems: Record<string, unknown>[] = [];
    const supersede: string[] = [];
    const audits: { actor: string; entity: string; entityId: string; action: string; diff: unknown }[] = [];
    for (const p of pending) {
      const a = p.row.data as AllegationData;
      const victimRecords: string[] = [];
      const own = recordIds.get(p);
      if (own) victimRecords.push(own);
      for (const name of a.victimNames ?? []) victimRecords.push(await this.victim(name, p, index));
      const facilityId = a.facility ? (await ctx.facility(a.facility, f)).id : null;
      const perpetrators = (a.perpetrators ?? []).map((name) => ({ kind: perpetratorKind(name), name }));
      const when = dateColumns(a.date?.text);
      const fields = { when: when.text, whenEarliest: when.earliest, whenLatest: when.latest, facilityId, place: a.place ?? null, narrative: a.narrative ?? null, credibility: a.credibility ?? 6 };
      const victims = [...new Set(victimRecords)].map((personRecordId) => ({ personRecordId }));
      const previous = p.prevItem?.entities.allegationIds ?? [];
      const byType = new Map<string, string>();
      for (const id of previous) {
        const row = await importRepository.allegation(tx, id);
        if (row) byType.set(String(row.type_code), id);
      }
      const ids: string[] = [];
      for (const typeCode of a.types) {
        const prevId = byType.get(typeCode);
        if (prevId) {
          const before = await importRepository.allegation(tx, prevId);
          await importRepository.updateAllegation(tx, prevId, fields, victims, perpetrators);
          const after = await importRepository.allegation(tx, prevId);
          audits.push({ actor: ctx.actor.id, entity: 'allegation', entityId: prevId, action: 'update', diff: { before: allegationView(before), after: allegationView(after), importId: f.importId } });
          byType.delete(typeCode);
          ids.push(prevId);
        } else {
          const created = await ctx.deps.registry.allegations.create(ctx.actor, {
            typeCode, when: fields.when, facilityId, place: fields.place, narrative: fields.narrative, sourceId: f.sourceId!, credibility: fields.credibility,
            sensitivity: ctx.options.sensitivity, victims, perpetrators,
          }, tx);
          ids.push(created.id);
        }
      }
      for (const [typeCode, id] of byType) {
        ctx.warnings.push({ file: f.name, sheet: p.row.provenance.sheet, row: p.row.provenance.row, column: p.row.provenance.columns.types ?? '(types)', severity: 'warning',
          message: `type ${typeCode} is no longer listed for this row; its earlier allegation ${id} is kept (review it)` });
        f.report.warnings++;
        ids.push(id);
      }
      const item = this.item(p, 'allegations', { personRecordIds: [...new Set(victimRecords)], allegationIds: ids });
      newItems.push(item);
      if (p.prevItem) supersede.push(p.prevItem.id);
    }
    await importRepository.supersedeItems(tx, supersede);
    await importRepository.insertItems(tx, newItems);
    await ctx.audit(audits);
  }

  /**
   * A victim named in a cell: the one record of this source whose name has every word of it (in any
   * script or spelling: canonical tokens), or a new record when none or several do (several: warned).
   */
  private async victim(name: string, p: Pending, index: VictimIndex): Promise<string> {
    const { ctx, f } = this;
    const { nameKey } = searchColumns([name]);
    const found = index.find(nameKey);
    if (found.length === 1) return found[0];
    const key = `allegations:victim:${nameKey}`;
    const prev = this.victimRecords.get(key) ?? (await importRepository.currentRecords(ctx.tx!, f.sourceId!, [key])).get(key);
    if (prev) { this.victimRecords.set(key, prev); return prev.id; }
    if (found.length > 1) {
      ctx.warnings.push({ file: f.name, sheet: p.row.provenance.sheet, row: p.row.provenance.row, column: p.row.provenance.columns.victimNames ?? '(victimNames)', severity: 'warning',
        message: `victim "${name}" matches ${found.length} records of this source; a record of its own was added (link it by hand)` });
      f.report.warnings++;
    }
    const ref = rowRef(f.sha256, p.row.provenance.sheet, p.row.provenance.row);
    const input = personRecordInput.parse({ sourceId: f.sourceId!, recordKey: key, fullName: name, sensitivity: ctx.options.sensitivity, rowRef: ref });
    const personId = ctx.newId();
    const id = ctx.newId();
    const rec = { ...recordRow(input, personId, ctx.actor.id), id, rowHash: null, version: 1, supersedes: null };
    await importRepository.insertPersons(ctx.tx!, [personRowOf(rec, personId)]);
    await importRepository.insertRecords(ctx.tx!, [rec]);
    await ctx.audit([{ actor: ctx.actor.id, entity: 'person_record', entityId: id, action: 'create', diff: { importId: f.importId, victimNamedInList: true } }]);
    index.add(nameKey, id);
    this.victimRecords.set(key, { id, rowHash: null, personId, version: 1 });
    f.report.victimsCreated++;
    return id;
  }

  private item(p: Pending, kind: 'custody' | 'allegations', entities: CurrentItem['entities']): Record<string, unknown> {
    const { ctx, f } = this;
    const d = p.row.data as CustodyData;
    const data = d.notes || d.source ? { ...(d.notes ? { notes: d.notes } : {}), ...(d.source ? { source: d.source } : {}) } : null;
    return {
      id: ctx.newId(), importId: f.importId!, sourceId: f.sourceId!, kind, recordKey: p.key, rowHash: p.row.rowHash,
      rowRef: rowRef(f.sha256, p.row.provenance.sheet, p.row.provenance.row), version: p.prevItem ? p.prevItem.version + 1 : 1,
      supersedes: p.prevItem?.id ?? null, isCurrent: true, entities, data,
    };
  }
}

/** Records of a source by the canonical tokens of their names, for matching victims named in a cell. */
class VictimIndex {
  private readonly byToken = new Map<string, Set<string>>();
  private readonly exact = new Map<string, string>();

  add(nameKey: string, id: string): void {
    if (!this.exact.has(nameKey)) this.exact.set(nameKey, id);
    for (const t of nameKey.split(' ')) if (t) {
      let set = this.byToken.get(t);
      if (!set) this.byToken.set(t, (set = new Set()));
      set.add(id);
    }
  }

  /** Records whose name is exactly this key; else those having every token of it (at least two tokens). */
  find(nameKey: string): string[] {
    const exact = this.exact.get(nameKey);
    if (exact) return [exact];
    const tokens = nameKey.split(' ').filter(Boolean);
    if (tokens.length < 2) return [];
    let hits: string[] | null = null;
    for (const t of tokens) {
      const set = this.byToken.get(t);
      if (!set) return [];
      hits = hits === null ? [...set] : hits.filter((x) => set.has(x));
      if (hits.length === 0) return [];
    }
    return hits ?? [];
  }
}

function episodeView(r: Record<string, unknown>) {
  return { id: r.id, personRecordId: r.personRecordId, facilityId: r.facilityId, sourceId: r.sourceId, from: r.fromDate ?? null, to: r.toDate ?? null, notes: r.notes ?? null };
}

function allegationView(r: Record<string, unknown> | undefined) {
  if (!r) return null;
  return { id: r.id, typeCode: r.type_code, when: r.when, facilityId: r.facility_id, place: r.place, narrative: r.narrative, credibility: r.credibility, victims: r.victims, perpetrators: r.perpetrators };
}
