import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CountsCsvError, parseCountsCsv } from './counts.parse';
import { cellCounts } from './counts.table';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/mse/${name}`, import.meta.url), 'utf8');

function errorOf(text: string): CountsCsvError {
  try {
    parseCountsCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CountsCsvError);
    return error as CountsCsvError;
  }
  throw new Error('expected a CountsCsvError');
}

describe('parseCountsCsv', () => {
  it('reads the published fixtures', () => {
    const hiv = parseCountsCsv(fixture('hiv_rome.csv'));
    expect(hiv.lists).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(hiv.rows).toHaveLength(15);
    expect(cellCounts(hiv).n).toBe(1896);
    expect(cellCounts(parseCountsCsv(fixture('diabetes_italy.csv'))).n).toBe(2069);
    const sb = parseCountsCsv(fixture('spina_bifida.csv'));
    expect(sb.lists).toEqual(['B', 'D', 'M']);
    expect(cellCounts(sb).n).toBe(626);
  });

  it('accepts the count column anywhere, CRLF, BOM, quotes, blank lines and semicolons', () => {
    const t = parseCountsCsv('\uFEFFcount;"list A";B\r\n5;1;0\r\n\r\n3;0;1\r\n2;1;1\r\n');
    expect(t.lists).toEqual(['list A', 'B']);
    expect(t.rows).toEqual([
      { pattern: [1, 0], count: 5 },
      { pattern: [0, 1], count: 3 },
      { pattern: [1, 1], count: 2 },
    ]);
  });

  it('fills missing patterns with zero and says so', () => {
    const t = parseCountsCsv('a,b,c,count\n1,0,0,4\n0,1,0,3\n');
    expect(t.notes?.some((n) => n.includes('5 capture pattern(s)'))).toBe(true);
  });

  it('ignores an all-zero row with count 0, rejects one with people', () => {
    const t = parseCountsCsv('a,b,count\n0,0,0\n1,1,2\n1,0,3\n0,1,1\n');
    expect(t.rows).toHaveLength(3);
    expect(t.notes?.[0]).toMatch(/line 2: the all-zero pattern .* ignored/);
    const e = errorOf('a,b,count\n1,1,2\n0,0,7\n');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/all-zero pattern/);
  });

  it('names the line and column of a bad value', () => {
    let e = errorOf('a,b,count\n1,0,4\n1,x,3\n');
    expect(e.line).toBe(3);
    expect(e.column).toBe('b');
    expect(e.message).toBe('line 3, column "b": expected 0 or 1, found "x"');
    e = errorOf('a,b,count\n1,0,-4\n');
    expect(e.column).toBe('count');
    expect(e.message).toMatch(/line 2, column "count": expected a whole number/);
    e = errorOf('a,b,count\n1,0,2.5\n');
    expect(e.line).toBe(2);
    e = errorOf('a,b,count\n1,0\n');
    expect(e.message).toMatch(/line 2: expected 3 fields/);
  });

  it('rejects bad headers, duplicates, too few or too many lists, empty tables', () => {
    expect(errorOf('a,b,n\n1,0,4\n').message).toMatch(/"count" column/);
    expect(errorOf('a,count\n1,4\n').message).toMatch(/2 to 6 lists/);
    expect(errorOf('a,b,c,d,e,f,g,count\n1,0,0,0,0,0,0,1\n').message).toMatch(/2 to 6 lists/);
    expect(errorOf('a,a,count\n1,0,4\n').column).toBe('a');
    expect(errorOf('a,b,count\n1,0,4\n1,0,5\n').message).toMatch(/line 3: pattern 10 already given on line 2/);
    expect(errorOf('a,b,count\n1,0,0\n').message).toMatch(/records nobody/);
    expect(errorOf('').message).toMatch(/empty/);
    expect(errorOf('a,,count\n').message).toMatch(/no name/);
  });
});
