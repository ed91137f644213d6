import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ColumnStore } from '../encode/columns';
import type { LinkRecord } from '../record';
import { damerau } from '../strings';
import { isMultiRule, parseBlockingRule, ruleKeys } from './blocking-rules';
import { buildBlockingIndex, generateCandidates, inSameBlock } from './candidates';
import { loosenRules } from './blocking-recall';
import { deletionVariants, deletionVariantTable } from './deletion-keys';

describe('one-deletion variants', () => {
  it('are the key and each one-letter deletion, distinct; short keys only themselves', () => {
    expect(deletionVariants('bojko')).toEqual(['bojko', 'ojko', 'bjko', 'boko', 'bojo', 'bojk']);
    expect(deletionVariants('mellnik')).toContain('melnik');
    expect(new Set(deletionVariants('mellnik')).size).toBe(deletionVariants('mellnik').length);
    expect(deletionVariants('ivan')).toEqual(['ivan']);
  });
  it('property: keys (length ≥ 5) within one edit or one swap of neighbours share a variant', () => {
    const word = fc.stringMatching(/^[a-h]{5,10}$/);
    fc.assert(fc.property(word, fc.nat(), fc.constantFrom('a', 'b', 'z'), fc.integer({ min: 0, max: 3 }), (w, pos, ch, op) => {
      const i = pos % w.length;
      const t = op === 0 ? w.slice(0, i) + w.slice(i + 1) : op === 1 ? w.slice(0, i) + ch + w.slice(i) : op === 2 ? w.slice(0, i) + ch + w.slice(i + 1)
        : i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w;
      if (t.length < 5) return;
      const a = new Set(deletionVariants(w));
      expect(deletionVariants(t).some((v) => a.has(v))).toBe(true);
    }));
  });
  it('keys two or more edits apart share none', () => {
    const a = new Set(deletionVariants('kovalenko'));
    expect(damerau('kovalenko', 'kovalchuk')).toBeGreaterThan(2);
    expect(deletionVariants('kovalchuk').some((v) => a.has(v))).toBe(false);
    expect(deletionVariants('kovaleyko').some((v) => a.has(v))).toBe(true);
  });
  it('table: ascending integer ids per key, shared between keys that share a variant', () => {
    const t = deletionVariantTable(['melnik', 'mellnik', 'ivan']);
    const of = (k: number) => Array.from(t.ids.slice(t.start[k], t.start[k + 1]));
    for (const k of [0, 1, 2]) expect(of(k)).toEqual([...of(k)].sort((x, y) => x - y));
    expect(of(1).filter((x) => of(0).includes(x)).length).toBeGreaterThan(0);
    expect(of(2)).toHaveLength(1);
    expect(t.size).toBe(new Set([...of(0), ...of(1), ...of(2)]).size);
  });
});

describe('a blocking rule with a multi-valued part', () => {
  const recs: LinkRecord[] = [
    { id: '0', familyName: 'Мельник', givenName: 'Іван' },
    { id: '1', familyName: 'Мельнік', givenName: 'Ivan' }, // the same key
    { id: '2', familyName: 'Мельнрик', givenName: 'Іван' }, // inserted letter
    { id: '3', familyName: 'Мельнки', givenName: 'Іван' }, // swapped neighbours
    { id: '4', familyName: 'Мельник', givenName: 'Петро' }, // other given name
    { id: '5', familyName: 'Бондаренко', givenName: 'Іван' },
  ];
  it('parses, and allows one multi-valued part only', () => {
    expect(isMultiRule(parseBlockingRule('familyName:deletions+givenName:key@20'))).toBe(true);
    expect(isMultiRule(parseBlockingRule('familyName:phonetic+givenName:key'))).toBe(false);
    expect(() => parseBlockingRule('familyName:deletions+givenName:deletions')).toThrow(/at most one/);
  });
  it('pairs records whose family names are one typo apart and whose given names agree, each pair once', () => {
    const store = new ColumnStore(recs);
    const index = buildBlockingIndex([ruleKeys(store, parseBlockingRule('familyName:deletions+givenName:key'))], 100);
    const got: string[] = [];
    generateCandidates(index, { maxBlockSize: 100 }, (i, j) => got.push(`${i},${j}`));
    expect(got.sort()).toEqual(['0,1', '0,2', '0,3', '1,2', '1,3']); // 2 and 3 are two edits apart
    expect(inSameBlock(index, 0, 0, 3)).toBe(true);
    expect(inSameBlock(index, 0, 0, 4)).toBe(false);
    expect(inSameBlock(index, 0, 0, 5)).toBe(false);
  });
  it('skips pairs an earlier rule produced and oversized variant blocks', () => {
    const store = new ColumnStore(recs);
    const index = buildBlockingIndex(['familyName:key+givenName:key', 'familyName:deletions+givenName:key'].map((r) => ruleKeys(store, parseBlockingRule(r))), 100);
    const got: string[] = [];
    const stats = generateCandidates(index, { maxBlockSize: 100 }, (i, j) => got.push(`${i},${j}`));
    expect(got.sort()).toEqual(['0,1', '0,2', '0,3', '1,2', '1,3']); // 2 and 3 are two edits apart
    expect(stats.map((s) => s.pairs)).toEqual([1, 4]);
    const capped = buildBlockingIndex([ruleKeys(store, parseBlockingRule('familyName:deletions+givenName:key@2'))], 100);
    const few: string[] = [];
    generateCandidates(capped, { maxBlockSize: 100 }, (i, j) => few.push(`${i},${j}`));
    expect(few).toEqual(['0,1']); // the blocks of melnik/melni/melnk hold three records: skipped
  });
  it('its looser forms leave the multi-valued part out', () => {
    expect(loosenRules([parseBlockingRule('familyName:deletions+givenName:key@20')]).map((r) => r.name)).toEqual(['givenName:key']);
  });
});
