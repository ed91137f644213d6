import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LinkCsvError, linkCsv, linkCsvFile, readLinkRecords } from './link-csv';
import { generateSynthetic } from './synthetic';

const HEADER = 'record_id,source,family_name,given_name,patronymic,full_name,birth_date,sex,unit,rank,service_number,birth_place';
function csvOf(n: number, seed = 2): string {
  const q = (s?: string) => (s === undefined ? '' : /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [HEADER, ...generateSynthetic({ records: n, seed }).map((r) => [r.id, r.source, r.familyName, r.givenName, r.patronymic, r.fullName, r.birthDate, r.sex, r.unit, r.rank, r.serviceNumber, r.birthPlace].map(q).join(','))].join('\n') + '\n';
}

describe('readLinkRecords', () => {
  it('maps columns by header (any case, spaces), keeps extra columns as fields, tolerates missing columns', async () => {
    const recs = await readLinkRecords('Record ID,Full Name,Birth-Date,Postcode\nr1,Коваленко Олександр,1990-03-14,1234\nr2,"Kovalenko, Oleksandr",,\n');
    expect(recs).toEqual([
      { id: 'r1', fullName: 'Коваленко Олександр', birthDate: '1990-03-14', fields: { postcode: '1234' } },
      { id: 'r2', fullName: 'Kovalenko, Oleksandr' },
    ]);
  });
  it('names the row and column of bad input', async () => {
    await expect(readLinkRecords('family_name\nKovalenko\n')).rejects.toThrow(/missing required column record_id/);
    await expect(readLinkRecords('record_id,birth_date\nr1,1990\nr2,sometime\n')).rejects.toThrow(/row 2, column birth_date: "sometime" is not a recognised date/);
    await expect(readLinkRecords('record_id,family_name\nr1,A\nr1,B\n')).rejects.toThrow(/row 2, column record_id: duplicate record id "r1" \(first at row 1\)/);
    await expect(readLinkRecords('record_id,family_name\n,A\n')).rejects.toThrow(/row 1, column record_id: empty record id/);
    await expect(readLinkRecords('record_id,family_name\nr1,A,extra\n')).rejects.toBeInstanceOf(LinkCsvError);
    await expect(readLinkRecords('')).rejects.toThrow(/empty/);
    const lenient = await readLinkRecords('record_id,birth_date\nr1,sometime\n', { strictDates: false });
    expect(lenient[0].birthDate).toBe('sometime');
  });
});

describe('linkCsv', () => {
  it('returns record_id,cluster_id for every record, from text or a stream', async () => {
    const text = csvOf(1500);
    const a = await linkCsv(text, { blockingRecall: false });
    expect(a.rows).toHaveLength(1500);
    expect(a.clustersCsv.split('\n')[0]).toBe('record_id,cluster_id');
    expect(a.clustersCsv.trim().split('\n')).toHaveLength(1501);
    const b = await linkCsv(Readable.from([text.slice(0, 1000), text.slice(1000)]), { blockingRecall: false });
    expect(b.rows).toEqual(a.rows);
    expect(a.report.timingsMs.parseCsv).toBeGreaterThanOrEqual(0);
    expect(a.report.model.m.length).toBe(8);
  }, 60_000);
  it('the CLI face writes the clusters file and the JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-link-'));
    writeFileSync(join(dir, 'records.csv'), csvOf(800, 3));
    const report = await linkCsvFile({ input: join(dir, 'records.csv'), output: join(dir, 'clusters.csv'), report: join(dir, 'report.json') });
    const out = readFileSync(join(dir, 'clusters.csv'), 'utf8').trim().split('\n');
    expect(out).toHaveLength(801);
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(json.candidatePairs).toBe(report.candidatePairs);
    expect(json.blockingRecall.recall).toBeGreaterThan(0.5);
    expect(Object.keys(json.timingsMs)).toEqual(expect.arrayContaining(['parseCsv', 'prepare', 'blockAndCompare', 'train', 'cluster']));
  }, 60_000);
});
