import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ColumnStore } from '../encode/columns';
import type { LinkRecord } from '../record';
import { parseBlockingRule, ruleKeys } from './blocking-rules';
import { buildBlockingIndex, generateCandidates } from './candidates';
import { loosenRules } from './blocking-recall';

describe('blocking rules', () => {
  it('parses text rules and rejects unknown transforms', () => {
    expect(parseBlockingRule('familyName:key+birthDate:year').parts).toEqual([{ field: 'familyName', as: 'key' }, { field: 'birthDate', as: 'year' }]);
    expect(() => parseBlockingRule('familyName:soundex')).toThrow(/unknown transform/);
  });
  it('a rule may cap its own block size ("@N"); bigger blocks are skipped for that rule only', () => {
    expect(parseBlockingRule('familyName:phonetic+givenName:key@20')).toMatchObject({ maxBlockSize: 20, parts: [{ field: 'familyName', as: 'phonetic' }, { field: 'givenName', as: 'key' }] });
    expect(() => parseBlockingRule('familyName:key@1')).toThrow(/integer ≥ 2/);
    expect(() => parseBlockingRule('familyName:key@x')).toThrow(/integer ≥ 2/);
    const recs: LinkRecord[] = [0, 1, 2].map((i) => ({ id: `a${i}`, familyName: 'Коваленко' })).concat([{ id: 'b0', familyName: 'Бондар' }, { id: 'b1', familyName: 'Bondar' }]);
    const store = new ColumnStore(recs);
    const index = buildBlockingIndex([ruleKeys(store, parseBlockingRule('familyName:key@2'))], 1000);
    const pairs: string[] = [];
    const stats = generateCandidates(index, { maxBlockSize: 1000 }, (i, j) => pairs.push(`${i}-${j}`));
    expect(pairs).toEqual(['3-4']);
    expect(stats[0]).toMatchObject({ oversizedBlocks: 1, recordsInOversizedBlocks: 3 });
  });
  it('loosens multi-part rules by dropping one part', () => {
    const l = loosenRules(['a:key+b:year', 'c:value', 'a:key+d:key'].map(parseBlockingRule)).map((r) => r.name);
    expect(l.sort()).toEqual(['a:key', 'b:year', 'd:key']);
  });
  it('blocks across scripts: the name key puts Коваленко and Kovalenko together', () => {
    const store = new ColumnStore([{ id: '1', familyName: 'Коваленко', birthDate: '1990' }, { id: '2', familyName: 'Kowalenko', birthDate: '1990-05-02' }, { id: '3', familyName: 'Бондар', birthDate: '1990' }]);
    const k = ruleKeys(store, parseBlockingRule('familyName:key+birthDate:year')).key;
    expect(k[0]).toBe(k[1]);
    expect(k[2]).not.toBe(k[0]);
  });

  const recordArb = fc.record({ f: fc.constantFrom('Коваленко', 'Kovalenko', 'Мельник', 'Melnyk', 'Бойко', undefined), g: fc.constantFrom('Олександр', 'Sasha', 'Іван', undefined), y: fc.constantFrom('1990', '1991-02-03', '1985', undefined) });
  it('property: the union equals the set of pairs sharing a key in any rule, each pair once; oversized blocks are skipped', () => {
    fc.assert(fc.property(fc.array(recordArb, { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 10 }), (rows, maxBlock) => {
      const recs: LinkRecord[] = rows.map((r, i) => ({ id: String(i), familyName: r.f, givenName: r.g, birthDate: r.y }));
      const store = new ColumnStore(recs);
      const rules = ['familyName:key', 'givenName:key+birthDate:year'].map((x) => ruleKeys(store, parseBlockingRule(x)));
      const index = buildBlockingIndex(rules, maxBlock);
      const got: string[] = [];
      generateCandidates(index, { maxBlockSize: maxBlock }, (i, j) => got.push(`${i},${j}`));
      expect(new Set(got).size).toBe(got.length);
      const want = new Set<string>();
      for (let i = 0; i < recs.length; i++) for (let j = i + 1; j < recs.length; j++) {
        for (let r = 0; r < rules.length; r++) {
          const k = rules[r].key;
          if (k[i] >= 0 && k[i] === k[j] && index.oversized[r][k[i]] === 0) want.add(`${i},${j}`);
        }
      }
      expect(new Set(got)).toEqual(want);
    }));
  });
  it('link mode keeps only pairs across sources; incremental mode only pairs with a new record', () => {
    const recs: LinkRecord[] = [0, 1, 2, 3].map((i) => ({ id: String(i), familyName: 'Коваленко', source: i < 2 ? 'a' : 'b' }));
    const store = new ColumnStore(recs);
    const index = buildBlockingIndex([ruleKeys(store, parseBlockingRule('familyName:key'))], 100);
    const across: string[] = [];
    generateCandidates(index, { maxBlockSize: 100, sourceOf: Int32Array.of(0, 0, 1, 1) }, (i, j) => across.push(`${i},${j}`));
    expect(across.sort()).toEqual(['0,2', '0,3', '1,2', '1,3']);
    const fresh: string[] = [];
    generateCandidates(index, { maxBlockSize: 100, isNew: Uint8Array.of(0, 0, 0, 1) }, (i, j) => fresh.push(`${i},${j}`));
    expect(fresh.sort()).toEqual(['0,3', '1,3', '2,3']);
  });
});
