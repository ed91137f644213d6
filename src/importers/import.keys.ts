/**
 * Row identity of imported lists (pure). A row's key names "the same row" across imports of one
 * source, so that a re-import finds its earlier version:
 *
 * - with an id column (`externalId`, headed "ID", "record id"…) the key is that id; a "№" / "№ п/п" /
 *   "No." column numbers the rows of this version of the list (re-sorting renumbers them): it is never
 *   taken as identity, and is left out of validation (so out of the content hash too);
 * - else, for persons, the service number when given, else the canonical name key (the same for
 *   every spelling and script of a name, from `linkage`) with the birth date;
 * - custody rows add the facility and the start date to the person part (a person has many
 *   episodes; the end date is what usually changes);
 * - allegation rows: the id, else types, date, victims and facility or place.
 *
 * A key repeated inside one file gets "#2", "#3"… in file order, so two identical rows stay two
 * records. Keys are scoped by source and kind. Without an id column, a change of a name or birth
 * date (or of a custody start) reads as a new row: the earlier one stays current.
 */
import { searchColumns } from '../registry';
import type { ListKind } from './fields';
import { normalizeHeader } from './headers';
import type { AllegationData, CustodyData, ImportedDate, PersonData } from './rows.schema';

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const lowerNorm = (s: string) => norm(s).toLocaleLowerCase('uk');
const dateText = (d: ImportedDate | undefined) => d?.text ?? '';

/** The canonical name key of a person's name parts (as stored in person_records.name_key). */
export function personNameKey(d: PersonData): string {
  return searchColumns([d.familyName ?? '', d.givenName ?? '', d.patronymic ?? '', d.fullName ?? '']).nameKey;
}

/** Canonical key of a free-text name (facility, victim): the linkage name key, else folded text. */
export function textKey(s: string): string {
  const c = searchColumns([s]);
  return c.nameKey || c.nameText || lowerNorm(s);
}

function personPart(d: PersonData): string {
  if (d.serviceNumber) return `sn:${lowerNorm(d.serviceNumber)}`;
  return `name:${personNameKey(d)}|${dateText(d.birthDate)}`;
}

/** Headers of running numbers (normalised as by normalizeHeader): positions, not identities. */
const SEQUENCE_HEADERS = new Set(['nr', 'nr п п', 'nr з п', 'nr пп', 'nr зп', 'п п', 'з п', 'no', 'nr nr', 'номер', 'номер п п', 'номер з п', 'порядковий номер', 'порядковый номер', 'nr по порядку', 'seq', 'row', 'line']);

/** A column of running numbers ("№", "№ п/п", "No."): it numbers the rows of this version of the list. */
export function isSequenceHeader(header: string): boolean {
  return SEQUENCE_HEADERS.has(normalizeHeader(header));
}

/** The key of a validated row before de-duplication inside its file; `useId`: the externalId column identifies rows. */
export function baseRowKey(kind: ListKind, data: PersonData | CustodyData | AllegationData, useId = true): string {
  const id = useId ? data.externalId : undefined;
  if (kind === 'persons') {
    return id ? `persons:id:${norm(id)}` : `persons:${personPart(data)}`;
  }
  if (kind === 'custody') {
    const c = data as CustodyData;
    const who = id ? `id:${norm(id)}` : personPart(c);
    return `custody:${who}|${textKey(c.facility)}|${dateText(c.from)}`;
  }
  const a = data as AllegationData;
  if (id) return `allegations:id:${norm(id)}`;
  const victims = [
    ...(a.familyName || a.fullName || a.givenName ? [personNameKey(a)] : []),
    ...(a.victimNames ?? []).map(textKey),
  ].sort();
  const where = a.facility ? textKey(a.facility) : a.place ? textKey(a.place) : '';
  return `allegations:${[...a.types].sort().join(',')}|${dateText(a.date)}|${victims.join(';')}|${where}`;
}

/** Adds "#n" to the n-th repetition of a key (n ≥ 2), in the order keys are offered. */
export class KeyDeduper {
  private readonly seen = new Map<string, number>();
  next(key: string): string {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  }
}

/** Where a row came from: "<file sha256>#<sheet>!<row>" (sheet names cut to 200 characters). */
export function rowRef(fileSha256: string, sheet: string, row: number): string {
  return `${fileSha256}#${sheet.slice(0, 200)}!${row}`;
}

export interface ParsedRowRef { fileSha256: string; sheet: string; row: number }

export function parseRowRef(ref: string): ParsedRowRef | null {
  const m = /^([0-9a-f]{64})#(.*)!(\d+)$/s.exec(ref);
  return m ? { fileSha256: m[1], sheet: m[2], row: Number(m[3]) } : null;
}

/** Perpetrator kind from how it is written: a military unit, a call sign, an authority, or unknown. */
export function perpetratorKind(text: string): 'unit' | 'call_sign' | 'authority' | 'unknown' {
  const t = text.toLocaleLowerCase('uk');
  if (/(^|\s)(в\/ч|в\.ч\.|вч|військова частина|воинская часть|войсковая часть|unit|бригада|полк|батальйон|батальон|brigade|regiment|battalion)(\s|$|\d)/u.test(t) || /^\d{4,6}$/.test(t)) return 'unit';
  if (/позивн|позывн|call sign|callsign/u.test(t) || /^[«"'][^«»"']+[»"']$/u.test(text.trim())) return 'call_sign';
  if (/(фсин|фсб|мвд|мвс|сизо|сізо|управлін|управлен|ministry|service|administration|адміністрац|администрац)/u.test(t)) return 'authority';
  return 'unknown';
}
