// The import routes through the HTTP layer (Fastify inject), on both databases: preview (writes
// nothing), import with NDJSON progress and a final report, the list of runs with their rejected
// rows, and the search over imported text. Synthetic fixtures only.
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain';
import { buildApp } from '../../src/server';
import { backends, openTestWorkspace } from '../helpers/db';
import { fixture, snapshot } from './helpers';

const EDITOR: Actor = { id: 'investigator-1', role: 'investigator' };

function multipart(fields: Record<string, string>, files: { name: string; data: Buffer }[]) {
  const boundary = '----vigil-import-test';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${f.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(backends())('import API on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let app: FastifyInstance;
  let actor: Actor = EDITOR;
  let persons: Buffer;
  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    app = await buildApp({ workspace: ws, resolveActor: async () => actor });
    persons = await readFile(fixture('persons-uk-cp1251.csv'));
  });
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  });

  it('POST /imports/preview: kind, columns with field and confidence, suggestions, first rows, problems, counts; writes nothing', async () => {
    const before = await snapshot(ws);
    const res = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', ...multipart({}, [{ name: 'persons-uk-cp1251.csv', data: persons }]) });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ kind: 'persons', format: 'csv', file: 'persons-uk-cp1251.csv', stats: { dataRows: 7, accepted: 5, rejected: 2 } });
    expect(p.columns.find((c: { header: string }) => c.header === 'Прізвище')).toMatchObject({ field: 'familyName', confidence: 1, letter: 'B', samples: ['Тестенко', 'Вигаданюк', 'Прикладна'] });
    expect(p.suggestions['Дата народження'][0]).toMatchObject({ field: 'birthDate' });
    expect(p.rows).toHaveLength(5);
    expect(p.rows[0]).toMatchObject({ row: 2, data: { familyName: 'Тестенко', birthDate: { text: '1991-03-14' } }, cells: { familyName: 'B2' } });
    expect(p.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'persons-uk-cp1251.csv', row: 5, column: 'Дата народження', severity: 'error' })]));
    expect(await snapshot(ws)).toEqual(before);

    const mapped = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', ...multipart({ mapping: JSON.stringify({ version: 1, as: 'persons', columns: { 'Примітка': null, 'Місце народження': 'birthPlace' } }) }, [{ name: 'persons-uk-cp1251.csv', data: persons }]) });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json().columns.find((c: { header: string }) => c.header === 'Примітка')).toMatchObject({ field: null, source: 'ignored_by_mapping' });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', ...multipart({ mapping: '{"version":1,"as":"persons","columns":{"x":"nonsense"}}' }, [{ name: 'a.csv', data: persons }]) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('mapping');
    const binary = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', ...multipart({}, [{ name: 'a.bin', data: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]) }]) });
    expect(binary.statusCode).toBe(400);
    expect(await snapshot(ws)).toEqual(before);
  });

  it('POST /imports: NDJSON progress then the report; errors write nothing; skipInvalid imports the valid rows', async () => {
    const before = await snapshot(ws);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/imports', ...multipart({}, [{ name: 'persons-uk-cp1251.csv', data: persons }]) });
    expect(refused.statusCode).toBe(200);
    expect(refused.headers['content-type']).toContain('application/x-ndjson');
    const lines = refused.body.trim().split('\n').map((l) => JSON.parse(l));
    const last = lines[lines.length - 1];
    expect(last.report).toMatchObject({ written: false, imported: 0 });
    expect(last.report.rejected.map((r: { row: number }) => r.row)).toEqual([5, 7]);
    expect(lines.slice(0, -1).every((l) => typeof l.phase === 'string' && typeof l.done === 'number' && typeof l.total === 'number')).toBe(true);
    expect(await snapshot(ws)).toEqual(before);

    const res = await app.inject({ method: 'POST', url: '/api/v1/imports', ...multipart({ skipInvalid: 'true', sourceTitle: 'Upload from the wizard', reliability: 'B' }, [{ name: 'persons-uk-cp1251.csv', data: persons }]) });
    const out = res.body.trim().split('\n').map((l) => JSON.parse(l));
    const { report } = out[out.length - 1];
    expect(report).toMatchObject({ written: true, imported: 5 });
    expect(report.files[0]).toMatchObject({ status: 'imported', source: { title: 'Upload from the wizard', created: true } });
    expect(out.some((l) => l.phase === 'write')).toBe(true);
    const [src] = (await ws.registry.sources.list({ id: 'system', role: 'system' }, { q: 'Upload from the wizard' })).items;
    expect(src).toMatchObject({ kind: 'list', reliability: 'B', recordCount: 5 });

    const json = await app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...multipart({ skipInvalid: '1', sourceTitle: 'Upload from the wizard' }, []).headers, accept: 'application/json' }, payload: multipart({ skipInvalid: '1', sourceTitle: 'Upload from the wizard' }, [{ name: 'persons-uk-cp1251.csv', data: persons }]).payload });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toMatchObject({ written: false, unchanged: 5 });
  });

  it('GET /imports lists runs with their rejected rows; GET /imports/:id one run', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/imports' });
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ fileName: 'persons-uk-cp1251.csv', importedAs: 'persons', sourceTitle: 'Upload from the wizard', stats: { created: 5, rejected: 2 } });
    expect(items[0].rejects.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([[5, 'Дата народження'], [7, 'Прізвище']]);
    const one = await app.inject({ method: 'GET', url: `/api/v1/imports/${items[0].id}` });
    expect(one.json()).toMatchObject({ id: items[0].id, status: 'done' });
  });

  it('GET /documents?q= finds imported text (ILIKE/trigram); visibility follows the source', async () => {
    const html = await readFile(fixture('article.html'));
    const up = await app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...multipart({}, []).headers, accept: 'application/json' }, payload: multipart({}, [{ name: 'article.html', data: html }, { name: 'statement.docx', data: await readFile(fixture('statement.docx')) }]).payload });
    expect(up.statusCode, up.body).toBe(201);
    const all = (await app.inject({ method: 'GET', url: '/api/v1/documents' })).json();
    expect(all.total).toBe(2);
    const word = all.items.find((d: { title: string | null; sourceTitle: string }) => d.sourceTitle === 'statement.docx').text.split(/\s+/).find((w: string) => w.length >= 7);
    const found = (await app.inject({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent(word)}` })).json();
    expect(found.items.map((d: { sourceTitle: string }) => d.sourceTitle)).toContain('statement.docx');
    expect(found.items[0].snippet).toContain(word);
    const doc = (await app.inject({ method: 'GET', url: `/api/v1/documents/${found.items[0].id}` })).json();
    expect(doc.text.length).toBe(doc.textLength);
    actor = { id: 'anonymous', role: 'anonymous' };
    try {
      const anon = await app.inject({ method: 'GET', url: '/api/v1/documents' });
      expect(anon.statusCode).toBe(401);
      const anonImport = await app.inject({ method: 'POST', url: '/api/v1/imports/preview', ...multipart({}, [{ name: 'a.csv', data: persons }]) });
      expect(anonImport.statusCode).toBe(401);
    } finally {
      actor = EDITOR;
    }
  });
});
