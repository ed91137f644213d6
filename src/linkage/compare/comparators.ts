/** Compiles comparison specifications against the column store into allocation-free comparators. */
import type { ColumnStore } from '../encode/columns';
import { editDistance, jaroWinkler } from '../strings';
import { comparisonName, type Comparator, type ComparisonSpec } from './comparison.types';

function nameComparator(store: ColumnStore, spec: Extract<ComparisonSpec, { kind: 'name' }>): Comparator {
  const c = store.names(spec.field);
  const { raw, key, phon, initial, isInitial, keyStr, writing } = c;
  const initials = spec.initials ?? true;
  const levels = ['exact', 'transliteration', 'jw≥0.92', 'phonetic', 'jw≥0.80', ...(initials ? ['initial'] : []), 'different'];
  const DIFF = levels.length;
  const INIT = initials ? DIFF - 1 : DIFF;
  // Jaro–Winkler memo for the most frequent keys (ids are given in order of first appearance, so the
  // frequent names get small ids): a pair of given names recurs across many blocks.
  const multi = Uint8Array.from(keyStr, (k) => (k.includes(' ') ? 1 : 0));
  const C = Math.min(keyStr.length, 1024);
  let memo: Float64Array | undefined;
  const similarity = (ki: number, kj: number): number => {
    if (ki >= C || kj >= C) return jaroWinkler(keyStr[ki], keyStr[kj]);
    memo ??= new Float64Array(C * C).fill(-1);
    const x = ki * C + kj;
    let s = memo[x];
    if (s < 0) { s = jaroWinkler(keyStr[ki], keyStr[kj]); memo[x] = s; memo[kj * C + ki] = s; }
    return s;
  };
  return {
    name: comparisonName(spec), kind: 'name', levels,
    compare(i, j) {
      const ri = raw[i], rj = raw[j];
      if (ri < 0 || rj < 0) return 0;
      if (ri === rj) return 1;
      const ki = key[i], kj = key[j];
      // Equal keys across writings (Cyrillic vs Latin, Ukrainian vs Russian) is as exact as the scripts allow;
      // "transliteration" is a different spelling within one writing (diminutive, other romanisation, ё/е).
      if (ki === kj) {
        const wi = writing[i], wj = writing[j];
        return (wi === 4) !== (wj === 4) || wi * wj === 2 ? 1 : 2;
      }
      if (isInitial[i] === 1 || isInitial[j] === 1) return initial[i] === initial[j] ? INIT : DIFF;
      const s = similarity(ki, kj);
      if (s >= 0.92) return 3;
      // Double surnames and extra tokens: every token of the shorter key appears in the longer one.
      if (multi[ki] === 1 || multi[kj] === 1) { if (tokenSubset(keyStr[ki], keyStr[kj])) return 3; }
      if (phon[i] === phon[j]) return 4;
      if (s >= 0.8) return 5;
      return DIFF;
    },
    tf: spec.tf === false ? undefined : { levels: Uint8Array.from(levels.map((_, l) => (l <= 1 ? 1 : 0))), valueOf: key, freq: c.keyFreq, sumSq: c.keySumSq },
  };
}

function tokenSubset(a: string, b: string): boolean {
  const ta = a.split(' '), tb = b.split(' ');
  const [small, big] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  return small.every((t) => big.includes(t));
}

function dateComparator(store: ColumnStore, spec: Extract<ComparisonSpec, { kind: 'date' }>): Comparator {
  const { year, yearTo, month, day } = store.dates(spec.field);
  // A full date one year off with day and month agreeing (a slip of the year) is far stronger evidence than
  // two years one apart: it has a level of its own.
  const levels = ['exact', 'day-month swapped', 'day or month differs', 'year-month', 'year', 'year ±1, day and month agree', '±1 year', 'different'];
  return {
    name: comparisonName(spec), kind: 'date', levels,
    compare(i, j) {
      const yi = year[i], yj = year[j];
      if (yi === 0 || yj === 0) return 0;
      const mi = month[i], mj = month[j], di = day[i], dj = day[j];
      if (di > 0 && dj > 0 && mi > 0 && mj > 0 && yearTo[i] === yi && yearTo[j] === yj) {
        if (yi === yj) {
          if (mi === mj && di === dj) return 1;
          if (di === mj && mi === dj) return 2;
          if (mi === mj || di === dj) return 3;
          return 8; // same year, day and month both differ: evidence against
        }
        if ((yi - yj === 1 || yj - yi === 1) && mi === mj && di === dj) return 6;
        return 8;
      }
      if (yi <= yearTo[j] && yj <= yearTo[i]) {
        if (mi > 0 && mj > 0 && yearTo[i] === yi && yearTo[j] === yj) return mi === mj ? 4 : 8;
        return 5;
      }
      if (yi - yearTo[j] === 1 || yj - yearTo[i] === 1) return (mi === 0 || mj === 0 || mi === mj) ? 7 : 8;
      return 8;
    },
  };
}

function identifierComparator(store: ColumnStore, spec: Extract<ComparisonSpec, { kind: 'identifier' }>): Comparator {
  const { id, str } = store.values(spec.field, 'identifier');
  return {
    name: comparisonName(spec), kind: 'identifier', levels: ['exact', 'one edit', 'different'],
    compare(i, j) {
      const a = id[i], b = id[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      const sa = str[a], sb = str[b];
      return sa.length >= 4 && editDistance(sa, sb, true, 1) <= 1 ? 2 : 3;
    },
  };
}

function textComparator(store: ColumnStore, spec: Extract<ComparisonSpec, { kind: 'text' }>): Comparator {
  const col = store.values(spec.field, 'text');
  const { id, str } = col;
  const th = spec.thresholds ?? [0.92, 0.8];
  const levels = ['exact', ...th.map((t) => `jw≥${t}`), 'different'];
  const DIFF = levels.length;
  return {
    name: comparisonName(spec), kind: 'text', levels,
    compare(i, j) {
      const a = id[i], b = id[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      const s = jaroWinkler(str[a], str[b]);
      for (let k = 0; k < th.length; k++) if (s >= th[k]) return k + 2;
      return DIFF;
    },
    tf: spec.tf ? { levels: Uint8Array.from(levels.map((_, l) => (l === 0 ? 1 : 0))), valueOf: id, freq: col.freq, sumSq: col.sumSq } : undefined,
  };
}

function categoryComparator(store: ColumnStore, spec: Extract<ComparisonSpec, { kind: 'category' }>): Comparator {
  const col = store.values(spec.field, spec.normalize ?? 'category');
  const { id } = col;
  return {
    name: comparisonName(spec), kind: 'category', levels: ['exact', 'different'],
    compare(i, j) {
      const a = id[i], b = id[j];
      if (a < 0 || b < 0) return 0;
      return a === b ? 1 : 2;
    },
    tf: spec.tf ? { levels: Uint8Array.of(1, 0), valueOf: id, freq: col.freq, sumSq: col.sumSq } : undefined,
  };
}

function unitComparator(store: ColumnStore, spec: Extract<ComparisonSpec, { kind: 'unit' }>): Comparator {
  const { key, num, numIsCode, kind } = store.units(spec.field);
  return {
    name: comparisonName(spec), kind: 'unit', levels: ['exact', 'same number and kind', 'same number', 'same number, other kind', 'different'],
    compare(i, j) {
      const a = key[i], b = key[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      const ni = num[i], nj = num[j];
      if (ni >= 0 && ni === nj) {
        // "36 ОБрМП" and "36-та окрема бригада морської піхоти" are one unit; 36 ОБрМП and 36 ОМБр are two.
        const ki = kind[i], kj = kind[j];
        return ki < 0 || kj < 0 ? 3 : ki === kj ? 2 : 4;
      }
      // A unit code (в/ч А1234) and a formation number (36 ОБрМП) are different naming systems: no evidence.
      if (ni >= 0 && nj >= 0 && numIsCode[i] !== numIsCode[j]) return 0;
      return 5;
    },
  };
}

function placeComparator(store: ColumnStore, spec: Extract<ComparisonSpec, { kind: 'place' }>): Comparator {
  const col = store.values(spec.field, 'place');
  const { id, str } = col;
  return {
    name: comparisonName(spec), kind: 'place', levels: ['exact', 'jw≥0.90', 'different'],
    compare(i, j) {
      const a = id[i], b = id[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      return jaroWinkler(str[a], str[b]) >= 0.9 ? 2 : 3;
    },
    tf: spec.tf ? { levels: Uint8Array.of(1, 0, 0), valueOf: id, freq: col.freq, sumSq: col.sumSq } : undefined,
  };
}

export function compileComparison(store: ColumnStore, spec: ComparisonSpec): Comparator {
  switch (spec.kind) {
    case 'name': return nameComparator(store, spec);
    case 'date': return dateComparator(store, spec);
    case 'identifier': return identifierComparator(store, spec);
    case 'text': return textComparator(store, spec);
    case 'category': return categoryComparator(store, spec);
    case 'unit': return unitComparator(store, spec);
    case 'place': return placeComparator(store, spec);
  }
}

/** The default comparison set for person records of prisoners of war. */
export const DEFAULT_COMPARISONS: readonly ComparisonSpec[] = [
  { kind: 'name', field: 'familyName', tf: true },
  { kind: 'name', field: 'givenName', tf: true },
  { kind: 'name', field: 'patronymic', tf: true },
  { kind: 'date', field: 'birthDate' },
  { kind: 'identifier', field: 'serviceNumber' },
  { kind: 'unit', field: 'unit' },
  { kind: 'category', field: 'rank', normalize: 'rank' },
  { kind: 'place', field: 'birthPlace', tf: true },
];
