/**
 * Columnar, integer-coded views of the records, built once per field and shared by comparisons and
 * blocking rules. Normalisation of a distinct raw value runs once (memoised), so a million records
 * with a few hundred thousand distinct names cost a few hundred thousand normalisations.
 */
import { analyseName, correctGivenName, orthographyContext, sourceOrthographies, splitNameText, tokenCodes, codesToLatin, type Orthography } from '../names';
import { fieldValue, normalizeRank, normalizeSex, normalizeUnit, parseBirthDate, splitFullName, type LinkRecord, type NameParts } from '../record';
import { phoneticKey } from '../strings';
import { Interner, frequencies } from './interner';

export interface NameColumn {
  /** Normalised written form (lower case, spaces collapsed); −1 missing. */
  raw: Int32Array;
  /** Canonical key (nameKey), −1 missing. */
  key: Int32Array;
  phon: Int32Array;
  /** First letter of the written form's own transliteration (char code), 0 when missing. */
  initial: Int32Array;
  /** 1 when the value is only an initial ("О.", "P"). */
  isInitial: Uint8Array;
  /** Writing of the value: 1 Ukrainian Cyrillic, 2 Russian Cyrillic, 3 other Cyrillic, 4 Latin, 0 missing. */
  writing: Uint8Array;
  keyStr: readonly string[];
  phonStr: readonly string[];
  keyFreq: Float64Array;
  keySumSq: number;
}

export interface DateColumn { year: Int16Array; yearTo: Int16Array; month: Uint8Array; day: Uint8Array }
export interface ValueColumn { id: Int32Array; str: readonly string[]; freq: Float64Array; sumSq: number }
/** `kind`: formation kind id per record (−1 unknown or missing). */
export interface UnitColumn { key: Int32Array; num: Int32Array; numIsCode: Uint8Array; kind: Int32Array; keyStr: readonly string[] }

export interface FieldIssue { row: number; field: string; value: string; error: string }

const NAME_FIELDS = new Set(['familyName', 'givenName', 'patronymic']);
const CYR = /[\u0400-\u04FF]/;
const LAT = /[A-Za-z\u00C0-\u024F]/;
const UK = /[іїєґІЇЄҐ]/;
const RU = /[ыэъёЫЭЪЁ]/;

const normText = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

export class ColumnStore {
  readonly n: number;
  readonly issues: FieldIssue[] = [];
  private readonly parts: (NameParts | undefined)[];
  private readonly cache = new Map<string, unknown>();
  private readonly splitMemo = new Map<string, NameParts>();

  /**
   * @param givenNameFields fields holding given names: their keys get spelling correction against the
   *   given-name vocabulary (a typo'd "Олескандр" still blocks and compares as "oleksandr").
   */
  constructor(readonly records: readonly LinkRecord[], private readonly givenNameFields: ReadonlySet<string> = new Set(['givenName'])) {
    this.n = records.length;
    this.parts = new Array(this.n);
  }

  /** Field value with family/given/patronymic taken from `fullName` when the parts are absent. */
  value(i: number, field: string): string | undefined {
    const r = this.records[i];
    if (NAME_FIELDS.has(field) && r.familyName === undefined && r.givenName === undefined && r.patronymic === undefined && r.fullName) {
      let p = this.parts[i];
      if (p === undefined) {
        p = this.splitMemo.get(r.fullName);
        if (p === undefined) { p = splitFullName(r.fullName); this.splitMemo.set(r.fullName, p); }
        this.parts[i] = p;
      }
      const v = p[field as keyof NameParts];
      return v === undefined || v.trim() === '' ? undefined : v.trim();
    }
    return fieldValue(r, field);
  }

  private memo<T>(key: string, build: () => T): T {
    let v = this.cache.get(key) as T | undefined;
    if (v === undefined) { v = build(); this.cache.set(key, v); }
    return v;
  }

  /** Per record, the Latin orthography of its source when its names reveal one (names/orthography.ts). */
  orthographies(): readonly (Orthography | undefined)[] {
    return this.memo('orthography', () => sourceOrthographies(this.n, (i) => this.records[i].source ?? '', (i) => {
      const r = this.records[i];
      // The name as written (no splitting needed: only its letters count).
      const parts = [r.familyName, r.givenName, r.patronymic, r.fullName].filter((v): v is string => v !== undefined && v !== '');
      return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : parts.join(' ');
    }));
  }

  names(field: string): NameColumn {
    return this.memo(`name:${field}`, () => {
      const n = this.n;
      const raw = new Int32Array(n).fill(-1), key = new Int32Array(n).fill(-1), phonCol = new Int32Array(n).fill(-1);
      const initial = new Int32Array(n), isInitial = new Uint8Array(n), writing = new Uint8Array(n);
      const rawI = new Interner(), keyI = new Interner(), phonI = new Interner();
      const seen = new Map<string, { r: number; k: number; p: number; c: number; ini: number; w: number }>();
      const phon = new Map<string, number>();
      const given = this.givenNameFields.has(field);
      const orth = NAME_FIELDS.has(field) ? this.orthographies() : undefined;
      for (let i = 0; i < n; i++) {
        const v = this.value(i, field);
        if (v === undefined) continue;
        // The source's orthography reads the unmarked Latin names of that source (German "Chomenko" = Хоменко).
        const o = orth?.[i];
        const ctx = o === undefined ? v : orthographyContext(v, o);
        const memoKey = ctx === v ? v : `${v}\u0001${o}`;
        let e = seen.get(memoKey);
        if (e === undefined) {
          const infos = analyseName(v, ctx);
          if (infos.length === 0) e = { r: -1, k: -1, p: -1, c: 0, ini: 0, w: 0 };
          else {
            const keys = given ? infos.map((t) => (t.kind === 'given' || t.kind === 'initial' ? t.key : correctGivenName(t.raw) ?? t.key)) : infos.map((t) => t.key);
            const k = keys.length === 1 ? keys[0] : keys.slice().sort().join(' ');
            const codes = tokenCodes(infos[0].raw, ctx);
            const ini = infos.length === 1 && infos[0].kind === 'initial' ? 1 : 0;
            const cyr = CYR.test(v), lat = LAT.test(v);
            const w = cyr && !lat ? (UK.test(v) ? 1 : RU.test(v) ? 2 : 3) : lat && !cyr ? 4 : 3;
            let pk = phon.get(k);
            if (pk === undefined) { pk = phonI.id(keys.length === 1 ? phoneticKey(k) : keys.map((t) => phoneticKey(t)).sort().join(' ')); phon.set(k, pk); }
            e = { r: rawI.id(normText(v)), k: keyI.id(k), p: pk, c: codes === '' ? 0 : codesToLatin(codes).charCodeAt(0), ini, w };
          }
          seen.set(memoKey, e);
        }
        raw[i] = e.r; key[i] = e.k; phonCol[i] = e.p; initial[i] = e.c; isInitial[i] = e.ini; writing[i] = e.w;
      }
      const { freq, sumSq } = frequencies(key, keyI.size);
      return { raw, key, phon: phonCol, initial, isInitial, writing, keyStr: keyI.values, phonStr: phonI.values, keyFreq: freq, keySumSq: sumSq };
    });
  }

  dates(field: string): DateColumn {
    return this.memo(`date:${field}`, () => {
      const n = this.n;
      const year = new Int16Array(n), yearTo = new Int16Array(n), month = new Uint8Array(n), day = new Uint8Array(n);
      const seen = new Map<string, ReturnType<typeof parseBirthDate>>();
      for (let i = 0; i < n; i++) {
        const v = this.value(i, field);
        if (v === undefined) continue;
        let r = seen.get(v);
        if (r === undefined) { r = parseBirthDate(v); seen.set(v, r); }
        if (!r.ok) { this.issues.push({ row: i, field, value: v, error: r.error }); continue; }
        year[i] = r.value.year; yearTo[i] = r.value.yearTo; month[i] = r.value.month; day[i] = r.value.day;
      }
      return { year, yearTo, month, day };
    });
  }

  /** Generic value column with a normaliser (identifier, text, category, place). */
  values(field: string, normalizer: 'identifier' | 'text' | 'category' | 'rank' | 'sex' | 'place'): ValueColumn {
    return this.memo(`${normalizer}:${field}`, () => {
      const norm = NORMALIZERS[normalizer];
      const id = new Int32Array(this.n).fill(-1);
      const I = new Interner();
      const seen = new Map<string, number>();
      for (let i = 0; i < this.n; i++) {
        const v = this.value(i, field);
        if (v === undefined) continue;
        let e = seen.get(v);
        if (e === undefined) { const t = norm(v); e = t === '' ? -1 : I.id(t); seen.set(v, e); }
        id[i] = e;
      }
      const { freq, sumSq } = frequencies(id, I.size);
      return { id, str: I.values, freq, sumSq };
    });
  }

  units(field: string): UnitColumn {
    return this.memo(`unit:${field}`, () => {
      const key = new Int32Array(this.n).fill(-1), num = new Int32Array(this.n).fill(-1), numIsCode = new Uint8Array(this.n), kind = new Int32Array(this.n).fill(-1);
      const KI = new Interner(), NI = new Interner(), TI = new Interner();
      const seen = new Map<string, [number, number, number]>();
      for (let i = 0; i < this.n; i++) {
        const v = this.value(i, field);
        if (v === undefined) continue;
        let e = seen.get(v);
        if (e === undefined) { const u = normalizeUnit(v); e = [u.key === '' ? -1 : KI.id(u.key), u.number === '' ? -1 : NI.id(u.number), u.kind === '' ? -1 : TI.id(u.kind)]; seen.set(v, e); }
        key[i] = e[0]; num[i] = e[1]; kind[i] = e[2]; numIsCode[i] = e[1] >= 0 && /^[A-Z]/.test(NI.values[e[1]]) ? 1 : 0;
      }
      return { key, num, numIsCode, kind, keyStr: KI.values };
    });
  }
}

/** Place names: words folded like names; Ukrainian -ів/-їв and Russian -ов/-ев (Харків/Харьков) meet. */
function placeKey(s: string): string {
  return splitNameText(s).map((t) => codesToLatin(tokenCodes(t)).replace(/(?:iv|ov|ev)$/, 'ov')).filter((t) => t !== '' && !/^(?:m|s|smt|selo|misto|gorod|horod|obl|oblast|raion|r|n)$/.test(t)).join(' ');
}

const NORMALIZERS: Record<'identifier' | 'text' | 'category' | 'rank' | 'sex' | 'place', (s: string) => string> = {
  identifier: (s) => s.normalize('NFC').toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '').replace(/[АВЕКМНОРСТХ]/g, (c) => 'ABEKMHOPCTX'['АВЕКМНОРСТХ'.indexOf(c)]),
  text: normText,
  category: normText,
  rank: normalizeRank,
  sex: normalizeSex,
  place: placeKey,
};
