/**
 * Sheet + column mapping → validated rows with provenance and problems. Every mapped cell is kept as
 * written (`original`) beside its normalised value (`data`); a row with an error is left out of
 * `rows` and every problem names file, sheet, row and column. Nothing is written anywhere.
 */
import { checkOrder } from '../domain';
import { DATE_FIELDS, type Field, type ListKind } from './fields';
import { parseHumanDate } from './dates';
import { canonicalJson, sha256Hex } from './hash';
import type { ColumnMapping } from './mapping';
import {
  DATA_SCHEMAS, type ImportedDate, type Problem, type RowNote, type SourceFileRef, type ValidatedRow, type ValidationResult,
} from './rows.schema';
import type { Sheet, SheetRow } from './tabular/sheet';
import {
  cleanText, normaliseAllegationTypes, normaliseCitizenship, normaliseCredibility, normaliseSex, normaliseStatus, splitList, type Normalised,
} from './values';

const NAME_FIELDS = new Set<Field>(['familyName', 'givenName', 'patronymic', 'fullName']);
const LONG_FIELDS = new Set<Field>(['narrative', 'source', 'notes']);
const LIST_FIELDS = new Set<Field>(['victimNames', 'perpetrators']);
const MAX_LENGTH: Partial<Record<Field, number>> = { fullName: 400, narrative: 100_000, source: 10_000, notes: 10_000 };
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const FORMULA_START = /^[=+@]|^-[^\d\s]/;

export function fileRef(name: string, bytes: Uint8Array): SourceFileRef {
  return { name, sha256: sha256Hex(bytes) };
}

function maxLengthOf(field: Field): number {
  return MAX_LENGTH[field] ?? (NAME_FIELDS.has(field) || LIST_FIELDS.has(field) ? 200 : 1000);
}

function normaliseField(field: Field, raw: string, mapping: ColumnMapping): Normalised<unknown> {
  if (DATE_FIELDS.has(field)) {
    const r = parseHumanDate(raw, { dateOrder: mapping.dateOrder });
    if (!r.ok) return r;
    if (r.value === null) return { ok: true, value: undefined, note: `"${cleanText(raw)}" read as: no date` };
    const value: ImportedDate = r.approximate ? { ...r.value, approximate: true } : { ...r.value };
    const why: Partial<Record<string, string>> = {
      excel_serial: `Excel serial number ${cleanText(raw)} read as ${r.value.text}`,
      season: `season read as ${r.value.text} (meteorological seasons; winter YEAR = December YEAR-1 to February YEAR)`,
      part_of_period: `"${cleanText(raw)}" read as ${r.value.text} (a year in thirds Jan–Apr/May–Aug/Sep–Dec, a month in thirds by day)`,
      quarter: `quarter read as ${r.value.text}`,
    };
    const note = [why[r.rule], r.approximate ? `approximate date kept as ${r.value.text} and marked approximate` : undefined].filter(Boolean).join('; ');
    return { ok: true, value, note: note || undefined };
  }
  switch (field) {
    case 'sex': return normaliseSex(raw);
    case 'status': return normaliseStatus(raw);
    case 'citizenship': return normaliseCitizenship(raw);
    case 'types': return normaliseAllegationTypes(raw);
    case 'credibility': return normaliseCredibility(raw);
    case 'victimNames':
    case 'perpetrators': {
      const items = splitList(raw);
      const max = maxLengthOf(field);
      const long = items.find((i) => i.length > max);
      if (long) return { ok: false, error: `an entry is too long (${long.length} characters, at most ${max})` };
      return { ok: true, value: items.length ? items : undefined };
    }
    default: {
      const v = cleanText(raw, LONG_FIELDS.has(field));
      const max = maxLengthOf(field);
      if (v.length > max) return { ok: false, error: `too long (${v.length} characters, at most ${max})` };
      return { ok: true, value: v === '' ? undefined : v };
    }
  }
}

function requiredProblems(kind: ListKind, data: Record<string, unknown>, mapping: ColumnMapping, failed: Set<Field>): { column: string; message: string }[] {
  const col = (f: Field) => mapping.fieldColumns[f] ?? `(${f})`;
  const out: { column: string; message: string }[] = [];
  // a field whose cell already failed has its own problem; do not report it missing as well
  for (const f of failed) data[f] = data[f] ?? null;
  const present = (f: Field) => data[f] !== undefined;
  const hasName = present('familyName') || present('fullName');
  if (kind !== 'allegations' && !hasName) {
    out.push({ column: mapping.fieldColumns.familyName ? col('familyName') : col('fullName'), message: 'no name: a surname or a full name is required' });
  }
  if (kind === 'custody' && !present('facility')) out.push({ column: col('facility'), message: 'no facility: a place of detention is required' });
  if (kind === 'allegations' && !present('types')) out.push({ column: col('types'), message: 'no allegation type' });
  return out;
}

function validateRow(file: SourceFileRef, sheet: Sheet, mapping: ColumnMapping, row: SheetRow, today: string, problems: Problem[]): ValidatedRow<unknown> | null {
  const kind = mapping.kind;
  const data: Record<string, unknown> = {};
  const original: Partial<Record<Field, string>> = {};
  const extra: Record<string, string> = {};
  const notes: RowNote[] = [];
  const columns: Partial<Record<Field, string>> = {};
  const cells: Partial<Record<Field, string>> = {};
  let rejected = false;
  const failed = new Set<Field>();
  const hyperlinks: Record<string, string> = {};
  const cellOf = (header: string) => `${sheet.columnLetters[header] ?? ''}${row.rowNumber}`;
  const problem = (column: string, severity: Problem['severity'], message: string) => {
    if (severity === 'error') rejected = true;
    const cell = sheet.columnLetters[column] ? cellOf(column) : undefined;
    problems.push({ file: file.name, sheet: sheet.name, row: row.rowNumber, column, cell, severity, message });
  };

  for (const header of sheet.header) {
    const raw = row.cells[header] ?? '';
    if (raw.trim() === '') continue;
    const field = mapping.columns[header] ?? null;
    if (field === null) {
      extra[header] = raw;
      const link = sheet.hyperlinks?.[cellOf(header)];
      if (link) hyperlinks[header] = link;
      continue;
    }
    original[field] = raw;
    columns[field] = header;
    cells[field] = cellOf(header);
    const link = sheet.hyperlinks?.[cellOf(header)];
    if (link) hyperlinks[header] = link;
    if (CONTROL.test(raw)) { failed.add(field); problem(header, 'error', 'contains control characters (binary data in a text cell?)'); continue; }
    if (FORMULA_START.test(raw.trim()) && !DATE_FIELDS.has(field)) {
      problem(header, 'warning', 'looks like a spreadsheet formula; kept as text, never evaluated');
    }
    const r = normaliseField(field, raw, mapping);
    if (!r.ok) { failed.add(field); problem(header, 'error', r.error); continue; }
    if (r.value !== undefined) data[field] = r.value;
    if (r.note) notes.push({ column: header, message: r.note });
  }

  for (const p of requiredProblems(kind, { ...data }, mapping, failed)) problem(p.column, 'error', p.message);
  const birth = data.birthDate as ImportedDate | undefined;
  if (birth && birth.earliest > today) problem(columns.birthDate!, 'error', `birth date ${birth.text} is in the future`);
  if (kind === 'custody') {
    const order = checkOrder((data.from as ImportedDate) ?? null, (data.to as ImportedDate) ?? null);
    if (order) problem(columns.to!, 'error', `custody ${order}`);
  }
  for (const f of ['statusDate', 'from', 'date'] as const) {
    const d = data[f] as ImportedDate | undefined;
    if (d && birth && d.latest < birth.earliest) problem(columns[f]!, 'warning', `${f} ${d.text} is before the birth date ${birth.text}`);
    if (d && d.earliest > today) problem(columns[f]!, 'warning', `${f} ${d.text} is in the future`);
  }
  if (rejected) return null;

  const parsed = DATA_SCHEMAS[kind].safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = String(issue.path[0] ?? '') as Field;
      problem(columns[f] ?? `(${f || 'row'})`, 'error', `invalid ${f || 'row'}: ${issue.message}`);
    }
    return null;
  }
  const hasLinks = Object.keys(hyperlinks).length > 0;
  const rowHash = sha256Hex(canonicalJson({ v: 1, kind, data: parsed.data, extra, ...(hasLinks ? { hyperlinks } : {}) }));
  return {
    provenance: { fileSha256: file.sha256, file: file.name, sheet: sheet.name, row: row.rowNumber, columns, cells, ...(row.line !== undefined ? { line: row.line } : {}), ...(hasLinks ? { hyperlinks } : {}) },
    data: parsed.data,
    original,
    extra,
    notes,
    rowHash,
  };
}

export interface ValidateOptions {
  /** "Today" for future-date checks, ISO YYYY-MM-DD (default: the current UTC date). */
  today?: string;
}

/** Validates every data row of a sheet against the mapping's kind. Never throws on cell content. */
export function validateSheet(file: SourceFileRef, sheet: Sheet, mapping: ColumnMapping, options: ValidateOptions = {}): ValidationResult {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const problems: Problem[] = [];
  const headerRow = sheet.headerRows[0] ?? 1;
  for (const w of mapping.warnings) problems.push({ file: file.name, sheet: sheet.name, row: headerRow, column: w.column, severity: 'warning', message: w.message });
  for (const n of sheet.notes) problems.push({ file: file.name, sheet: sheet.name, row: n.row, column: n.column || '(sheet)', severity: 'warning', message: n.message });
  const rows: ValidatedRow<unknown>[] = [];
  for (const row of sheet.rows) {
    const v = validateRow(file, sheet, mapping, row, today, problems);
    if (v) rows.push(v);
  }
  problems.sort((a, b) => a.row - b.row);
  return {
    kind: mapping.kind,
    rows,
    problems,
    stats: { dataRows: sheet.rows.length, accepted: rows.length, rejected: sheet.rows.length - rows.length },
  } as ValidationResult;
}
