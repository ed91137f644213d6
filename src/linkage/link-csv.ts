/**
 * CSV in, clusters out: the standalone face of the engine for `vigil link --input records.csv
 * --output clusters.csv [--report report.json]`. Columns are found by header name (case and
 * spaces/hyphens ignored): record_id (required), source, family_name, given_name, patronymic,
 * full_name, birth_date, sex, unit, rank, service_number, birth_place; other columns are kept as
 * extra fields a configured comparison or blocking rule may name. Errors name the row and column.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { linkRecords } from './link';
import type { LinkOptions, LinkReport, LinkResult } from './link.types';
import { parseBirthDate, type LinkRecord } from './record';

export class LinkCsvError extends Error {
  constructor(message: string, readonly row?: number, readonly column?: string) {
    super(message);
    this.name = 'LinkCsvError';
  }
}

export interface LinkCsvOptions extends LinkOptions {
  /** Reject birth dates that cannot be read (default true); false treats them as missing and reports them. */
  strictDates?: boolean;
  delimiter?: string;
}

export interface LinkCsvResult {
  /** [record_id, cluster_id] for every input record, in input order. */
  rows: [string, string][];
  /** The same as CSV text with the header record_id,cluster_id. */
  clustersCsv: string;
  report: LinkReport;
  result: LinkResult;
}

const KNOWN: Record<string, keyof LinkRecord> = {
  record_id: 'id', id: 'id', source: 'source', family_name: 'familyName', surname: 'familyName', last_name: 'familyName',
  given_name: 'givenName', first_name: 'givenName', patronymic: 'patronymic', full_name: 'fullName', name: 'fullName',
  birth_date: 'birthDate', date_of_birth: 'birthDate', dob: 'birthDate', sex: 'sex', unit: 'unit', rank: 'rank',
  service_number: 'serviceNumber', birth_place: 'birthPlace', place_of_birth: 'birthPlace',
};

const normHeader = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');

type Input = string | Buffer | NodeJS.ReadableStream | AsyncIterable<string | Buffer>;

/** Parses CSV text or a stream into link records (validating ids and, when strict, birth dates). */
export async function readLinkRecords(input: Input, opts: { strictDates?: boolean; delimiter?: string } = {}): Promise<LinkRecord[]> {
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([input]) : Readable.from(input as AsyncIterable<string | Buffer>);
  const parser = source.pipe(parse({ delimiter: opts.delimiter ?? ',', trim: true, skip_empty_lines: true, relax_quotes: false, bom: true }));
  const records: LinkRecord[] = [];
  const ids = new Map<string, number>();
  let header: string[] | undefined;
  let map: (keyof LinkRecord | null)[] = [];
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = cells.map(normHeader);
        map = header.map((h) => KNOWN[h] ?? null);
        if (!map.includes('id')) throw new LinkCsvError(`missing required column record_id (columns: ${cells.join(', ')})`, 0, 'record_id');
        continue;
      }
      row++;
      if (cells.length !== header.length) throw new LinkCsvError(`row ${row}: ${cells.length} fields, the header has ${header.length}`, row);
      const rec: Record<string, unknown> = {};
      let extra: Record<string, string> | undefined;
      for (let c = 0; c < cells.length; c++) {
        const v = cells[c];
        const k = map[c];
        if (k === null) { if (v !== '') (extra ??= {})[header[c]] = v; continue; }
        if (v !== '') rec[k] = v;
      }
      const id = rec.id as string | undefined;
      if (!id) throw new LinkCsvError(`row ${row}, column record_id: empty record id`, row, 'record_id');
      const prior = ids.get(id);
      if (prior !== undefined) throw new LinkCsvError(`row ${row}, column record_id: duplicate record id "${id}" (first at row ${prior})`, row, 'record_id');
      ids.set(id, row);
      if (opts.strictDates !== false && typeof rec.birthDate === 'string') {
        const d = parseBirthDate(rec.birthDate);
        if (!d.ok) throw new LinkCsvError(`row ${row}, column birth_date: ${d.error}`, row, 'birth_date');
      }
      if (extra) rec.fields = extra;
      records.push(rec as unknown as LinkRecord);
    }
  } catch (e) {
    if (e instanceof LinkCsvError) throw e;
    const err = e as Error & { lines?: number };
    throw new LinkCsvError(`CSV could not be read${err.lines ? ` near line ${err.lines}` : ''}: ${err.message}`, err.lines);
  }
  if (!header) throw new LinkCsvError('the CSV is empty (no header row)');
  return records;
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Links the records of a CSV (text or stream) and returns record_id → cluster_id rows and the report. */
export async function linkCsv(input: Input, options: LinkCsvOptions = {}): Promise<LinkCsvResult> {
  const t0 = performance.now();
  const records = await readLinkRecords(input, options);
  const parseMs = Math.round(performance.now() - t0);
  const result = linkRecords(records, options);
  const rows: [string, string][] = records.map((r, i) => [r.id, result.clusterIds[result.clusterOf[i]]]);
  const parts = ['record_id,cluster_id'];
  for (const [a, b] of rows) parts.push(`${csvCell(a)},${csvCell(b)}`);
  const report = { ...result.report, timingsMs: { parseCsv: parseMs, ...result.report.timingsMs } };
  return { rows, clustersCsv: parts.join('\n') + '\n', report, result };
}

export interface LinkCsvFileArgs extends LinkCsvOptions { input: string; output: string; report?: string }

/** File face for the CLI: reads `input`, writes `output` (record_id,cluster_id) and optionally the JSON report. */
export async function linkCsvFile(args: LinkCsvFileArgs): Promise<LinkReport> {
  const { input, output, report: reportPath, ...options } = args;
  const res = await linkCsv(createReadStream(input), options);
  await writeFile(output, res.clustersCsv, 'utf8');
  if (reportPath) await writeFile(reportPath, JSON.stringify(res.report, null, 2) + '\n', 'utf8');
  return res.report;
}
