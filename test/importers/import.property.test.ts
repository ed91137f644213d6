// Property tests of the import service on both databases: whatever the bytes (arbitrary, truncated
// fixtures, huge cells, formula cells, wrong encodings), an import answers with a report — a clear
// problem or a correct import — never throws, and never writes part of an import: when it says
// nothing was written the counts are exactly as before, and when it wrote, the counts grew by what it
// reports. Afterwards the vault holds no blob that no evidence row refers to.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/domain';
import type { ImportReport, ImportService } from '../../src/importers';
import { evidenceOf } from '../../src/workspace';
import { backends, openTestWorkspace } from '../helpers/db';
import { fixture, importService, snapshot, tempDir, TODAY } from './helpers';

const RUNS = Number(process.env.VIGIL_PROPERTY_RUNS ?? 20);
const FIXTURES = ['persons-uk-cp1251.csv', 'allegations-ru-utf16.txt', 'custody.xlsx', 'report.pdf', 'statement.docx', 'article.html', 'telegram/ChatExport_2024-03-01/result.json'];

describe.each(backends())('import properties on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let svc: ImportService;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let n = 0;
  const fixtures = new Map<string, Buffer>();

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    svc = importService(ws);
    tmp = await tempDir('vigil-import-prop-');
    for (const f of FIXTURES) fixtures.set(f, await readFile(fixture(f)));
  });
  afterAll(async () => {
    await ws?.dispose();
    await tmp?.remove();
  });

  /** Imports one file made of `bytes`; checks the report against the counts before and after. */
  async function importChecked(name: string, bytes: Uint8Array, skipInvalid: boolean, as: 'auto' | 'persons' = 'auto'): Promise<ImportReport> {
    const path = join(tmp.dir, `${n++}-${name}`);
    await writeFile(path, bytes);
    const before = await snapshot(ws);
    const r = await svc.run(SYSTEM, [{ path, name }], { today: TODAY, skipInvalid, as });
    const after = await snapshot(ws);
    const f = r.files[0];
    for (const p of [...r.rejected, ...r.warnings]) {
      expect(p.file).toBe(name);
      expect(Number.isInteger(p.row)).toBe(true);
      expect(p.column.length).toBeGreaterThan(0);
      expect(p.message.trim().length).toBeGreaterThan(0);
    }
    if (f.status === 'failed') expect(f.error?.length).toBeGreaterThan(0);
    if (!r.written) {
      expect(after).toEqual(before);
      if (!skipInvalid && r.rejected.length === 0) expect(['unchanged', 'failed', 'not_imported']).toContain(f.status);
    } else {
      expect(f.status).toBe('imported');
      expect(after.import_runs - before.import_runs).toBe(1);
      if (f.kind === 'persons') {
        expect(after.person_records - before.person_records).toBe(f.created + f.versions);
        expect(after.current_person_records - before.current_person_records).toBe(f.created);
      }
      if (f.kind === 'document') expect(after.documents - before.documents).toBe(1);
      expect(after.import_rejects - before.import_rejects).toBeLessThanOrEqual(r.rejected.length);
    }
    return r;
  }

  it('arbitrary bytes: a clear problem or an import, never a throw or a partial write', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('x.csv', 'x.bin', 'x.txt'), fc.boolean(), async (bytes, name, skip) => {
      await importChecked(name, bytes, skip);
    }), { numRuns: RUNS });
  });

  it('truncated fixtures of every kind', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), async (f, frac, skip) => {
      const bytes = fixtures.get(f)!;
      const name = f.split('/').pop()!;
      await importChecked(name, bytes.subarray(0, Math.floor(bytes.length * frac)), skip);
    }), { numRuns: RUNS });
  });

  it('huge cells and formula cells: kept as text or refused with the column named', async () => {
    const lead = fc.constantFrom('', '=', '+', '@', '-', "'");
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 300_000 }), lead, fc.string({ maxLength: 40 }), fc.boolean(),
      async (col, size, l, s, skip) => {
        const cells = ['Тестенко', 'Іван', '1991', 'в полоні'];
        cells[col] = `${l}${s}${'я'.repeat(size)}`.replace(/[\r\n"]/g, ' ');
        const text = `Прізвище;Ім'я;Дата народження;Статус\n${cells.map((c) => `"${c}"`).join(';')}\nДругий;Олег;1990;звільнений\n`;
        const r = await importChecked('huge.csv', Buffer.from(text, 'utf8'), skip, 'persons');
        if (r.rejected.length) expect(r.rejected.every((p) => ['Прізвище', "Ім'я", 'Дата народження', 'Статус'].includes(p.column))).toBe(true);
      },
    ), { numRuns: RUNS });
  });

  it('the fixture lists in wrong encodings', async () => {
    const text = iconv.decode(fixtures.get('persons-uk-cp1251.csv')!, 'windows-1251');
    await fc.assert(fc.asyncProperty(fc.constantFrom('koi8-r', 'cp866', 'utf-16be', 'utf-16le', 'iso-8859-5', 'maccyrillic', 'windows-1252', 'utf-8'), fc.boolean(), async (enc, skip) => {
      await importChecked(`enc-${enc}.csv`, iconv.encode(text, enc), skip);
    }), { numRuns: RUNS });
  });

  it('after all that, the vault holds no blob without its evidence row', async () => {
    const report = await evidenceOf(ws).verify();
    expect(report.problems.filter((p) => p.area === 'blob')).toEqual([]);
  });
});
