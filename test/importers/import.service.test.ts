// The import service end to end on both databases, with the synthetic fixtures of
// test/fixtures/importers: provenance, all-or-nothing, dry runs, --skip-invalid, idempotent re-import,
// changed files as new versions, custody, allegations, Telegram and documents.
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db';
import { SYSTEM } from '../../src/domain';
import { DocumentService, OCR_INSTALL_HINT, parseMappingJson, type ImportService } from '../../src/importers';
import { backends, openTestWorkspace } from '../helpers/db';
import { copyTelegramExport, fixture, importService, snapshot, tempDir, TODAY } from './helpers';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PERSONS = fixture('persons-uk-cp1251.csv');

type Ws = Awaited<ReturnType<typeof openTestWorkspace>>;
type Row = Record<string, unknown>;

describe.each(backends())('import service on %s', (kind) => {
  let ws: Ws;
  let svc: ImportService;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const rows = <T = Row>(q: string) => queryRows<T>(ws.database.db, q);
  const foreignKeys = () => rows<{ conname: string; def: string }>(`select conname, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = 'person_records'::regclass and contype = 'f' order by conname`);
  const FOREIGN_KEYS = [
    { conname: 'person_records_person_id_persons_id_fk', def: 'FOREIGN KEY (person_id) REFERENCES persons(id)' },
    { conname: 'person_records_source_id_sources_id_fk', def: 'FOREIGN KEY (source_id) REFERENCES sources(id)' },
  ];

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    svc = importService(ws);
    tmp = await tempDir();
  });
  afterAll(async () => {
    await ws?.dispose();
    await tmp?.remove();
  });

  describe('a persons list (Windows-1251, Ukrainian headers)', () => {
    it('with errors: writes nothing, reports every problem by file, row and column', async () => {
      const before = await snapshot(ws);
      const r = await svc.run(SYSTEM, [{ path: PERSONS }], { today: TODAY });
      expect(r.written).toBe(false);
      expect(r.files[0]).toMatchObject({ status: 'invalid', kind: 'persons', format: 'csv', rows: 7, rejected: 2, importId: null, evidence: null });
      expect(r.rejected).toEqual(expect.arrayContaining([
        expect.objectContaining({ file: 'persons-uk-cp1251.csv', row: 5, column: 'Дата народження', cell: 'E5', severity: 'error', message: expect.stringContaining('31.02.1990') }),
        expect.objectContaining({ file: 'persons-uk-cp1251.csv', row: 7, column: 'Прізвище', message: expect.stringContaining('no name') }),
      ]));
      expect(await snapshot(ws)).toEqual(before);
    });

    it('dry run: classifies exactly as an import would, writes nothing', async () => {
      const before = await snapshot(ws);
      const r = await svc.run(SYSTEM, [{ path: PERSONS }], { today: TODAY, dryRun: true, skipInvalid: true });
      expect(r).toMatchObject({ dryRun: true, written: false, imported: 5, unchanged: 0 });
      expect(r.files[0]).toMatchObject({ status: 'invalid', created: 5, versions: 0, rejected: 2 });
      expect(r.rejected).toHaveLength(2);
      expect(await snapshot(ws)).toEqual(before);
    });

    let sourceId = '';
    it('--skip-invalid: valid rows with provenance, rejected rows stored with their reasons, the original in the vault', async () => {
      const bytes = await readFile(PERSONS);
      const r = await svc.run(SYSTEM, [{ path: PERSONS }], { today: TODAY, skipInvalid: true });
      expect(r.written).toBe(true);
      const f = r.files[0];
      expect(f).toMatchObject({ status: 'imported', created: 5, imported: 5, unchanged: 0, rejected: 2, source: { title: 'persons-uk-cp1251.csv', created: true } });
      expect(f.sheets[0].rowIdentity).toContain('"№" numbers the rows, not taken as identity');
      expect(f.evidence).toMatchObject({ sha256: sha(bytes), duplicate: false });
      sourceId = f.source!.id!;
      const recs = await rows<{ family_name: string; given_name: string; birth: string | null; status: string; status_date: string | null; row_ref: string; row_hash: string; record_key: string; version: number; is_current: boolean }>(
        `select family_name, given_name, birth, status, status_date, row_ref, row_hash, record_key, version, is_current from person_records where source_id = '${sourceId}' order by family_name`);
      expect(recs.map((x) => x.family_name)).toEqual(['Вигаданюк', 'Нульовий', 'Прикладна', 'Тестенко', 'Умовний']);
      const testenko = recs.find((x) => x.family_name === 'Тестенко')!;
      expect(testenko).toMatchObject({ given_name: 'Іван', birth: '1991-03-14', status: 'captured', status_date: '2022-03', version: 1, is_current: true, record_key: 'persons:sn:те-000001' });
      expect(testenko.row_hash).toMatch(/^[0-9a-f]{64}$/);
      const prov = await svc.provenance(testenko.row_ref);
      expect(prov).toMatchObject({ fileSha256: sha(bytes), file: 'persons-uk-cp1251.csv', sheet: 'persons-uk-cp1251.csv', row: 2 });
      expect(prov!.columns).toMatchObject({ familyName: 'Прізвище', givenName: "Ім'я", birthDate: 'Дата народження', status: 'Статус' });
      expect(prov!.cells).toMatchObject({ familyName: 'B2', birthDate: 'E2' });
      // the multi-line cell, the hyperlink formula kept as text in an unmapped... (notes: not a registry column, kept in the original)
      expect(recs.find((x) => x.family_name === 'Прикладна')).toMatchObject({ birth: '1988-05', status: 'released' });
      expect((await svc.provenance(recs.find((x) => x.family_name === 'Прикладна')!.row_ref))!.row).toBe(4);

      const rejects = await rows<{ row: number; column: string; message: string; raw: unknown }>(`select row, "column", message, raw from import_rejects where import_id = '${f.importId}' order by row`);
      expect(rejects.map((x) => [x.row, x.column])).toEqual([[5, 'Дата народження'], [7, 'Прізвище']]);
      const raw5 = typeof rejects[0].raw === 'string' ? JSON.parse(rejects[0].raw) : rejects[0].raw;
      expect(raw5).toMatchObject({ 'Прізвище': 'Зразков', 'Дата народження': '31.02.1990' });

      const ev = await rows<{ sha256: string; source_id: string; original_name: string }>(`select sha256, source_id, original_name from evidence_items`);
      expect(ev).toEqual([{ sha256: sha(bytes), source_id: sourceId, original_name: 'persons-uk-cp1251.csv' }]);
      const list = await svc.list(SYSTEM, {});
      expect(list.items[0]).toMatchObject({ id: f.importId, fileSha256: sha(bytes), importedAs: 'persons', sourceId, stats: { created: 5, rejected: 2 } });
      expect(list.items[0].rejects).toHaveLength(2);
      const audits = await rows<{ n: number }>(`select count(*)::int as n from audit_events where entity = 'person_record' and action = 'create'`);
      expect(Number(audits[0].n)).toBe(5);
    });

    it('the same file again adds nothing and says so', async () => {
      const before = await snapshot(ws);
      const r = await svc.run(SYSTEM, [{ path: PERSONS }], { today: TODAY, skipInvalid: true });
      expect(r).toMatchObject({ written: false, imported: 0, unchanged: 5 });
      expect(r.files[0]).toMatchObject({ status: 'unchanged', unchanged: 5, created: 0, versions: 0 });
      expect(await snapshot(ws)).toEqual(before);
    });

    it('a changed file adds only new rows and new versions (superseding, never editing)', async () => {
      const text = iconv.decode(await readFile(PERSONS), 'windows-1251')
        .replace('ТЕ-000001;в полоні;03.2022', 'ТЕ-000001;звільнений;05.2024')
        .replace(/\r\n$/, '\r\n8;Новенко;Петро;;1999;ч;Україна;;;ТЕ-000008;в полоні;;;\r\n');
      const changed = join(tmp.dir, 'persons-uk-cp1251.csv');
      await writeFile(changed, iconv.encode(text, 'windows-1251'));
      const before = await snapshot(ws);
      const r = await svc.run(SYSTEM, [{ path: changed }], { today: TODAY, skipInvalid: true });
      expect(r.written).toBe(true);
      expect(r.files[0]).toMatchObject({ status: 'imported', created: 1, versions: 1, unchanged: 4, rejected: 2, source: { id: sourceId, created: false } });
      const after = await snapshot(ws);
      expect(after.person_records - before.person_records).toBe(2);
      expect(after.current_person_records - before.current_person_records).toBe(1);
      expect(after.persons - before.persons).toBe(1);
      expect(after.sources).toBe(before.sources);
      const versions = await rows<{ id: string; version: number; supersedes: string | null; is_current: boolean; status: string; person_id: string }>(
        `select id, version, supersedes, is_current, status, person_id from person_records where source_id = '${sourceId}' and family_name = 'Тестенко' order by version`);
      expect(versions.map((v) => [v.version, v.is_current, v.status])).toEqual([[1, false, 'captured'], [2, true, 'released']]);
      expect(versions[1].supersedes).toBe(versions[0].id);
      expect(versions[1].person_id).toBe(versions[0].person_id);
      const [person] = await rows<{ status: string; status_date: string; record_count: number }>(`select status, status_date, record_count from persons where id = '${versions[0].person_id}'`);
      expect(person).toMatchObject({ status: 'released', status_date: '2024-05', record_count: 1 });
      // rejected rows of a file are stored once per file: the changed file's rejects are its own
      expect(after.import_rejects - before.import_rejects).toBe(2);
      expect(after.import_runs - before.import_runs).toBe(1);
    });
  });

  it('a list re-sorted and renumbered ("№" numbers rows, it is no identity) is unchanged', async () => {
    const head = '№;Прізвище;Ім\'я;Дата народження;Статус';
    const rowsOf = ['Перший;Іван;1990;в полоні', 'Другий;Олег;1991;зник безвісти', 'Третій;Петро;1992;звільнений'];
    const a = join(tmp.dir, 'sorted.csv');
    await writeFile(a, [head, ...rowsOf.map((r, i) => `${i + 1};${r}`)].join('\n') + '\n');
    const first = await svc.run(SYSTEM, [{ path: a }], { today: TODAY, source: 'Renumbered list' });
    expect(first.files[0]).toMatchObject({ status: 'imported', created: 3 });
    await writeFile(a, [head, ...[...rowsOf].reverse().map((r, i) => `${i + 1};${r}`)].join('\n') + '\n');
    const before = await snapshot(ws);
    const again = await svc.run(SYSTEM, [{ path: a }], { today: TODAY, source: 'Renumbered list' });
    expect(again.files[0]).toMatchObject({ status: 'unchanged', unchanged: 3, created: 0, versions: 0 });
    expect(await snapshot(ws)).toEqual(before);
  });

  describe('custody (XLSX with merged header cells and date cells)', () => {
    it('imports episodes with partial dates, matches facilities by alias, creates unknown ones and says so', async () => {
      const known = await ws.registry.facilities.create(SYSTEM, { name: 'Invented colony', aliases: ['Колонія (вигадана) №0'] });
      const before = await snapshot(ws);
      const r = await svc.run(SYSTEM, [{ path: fixture('custody.xlsx') }], { today: TODAY, skipInvalid: true });
      expect(r.written).toBe(true);
      const f = r.files[0];
      expect(f).toMatchObject({ kind: 'custody', format: 'xlsx', status: 'imported', rejected: 3 });
      expect(f.sheets.map((s) => [s.name, s.kind, s.accepted, s.rejected])).toEqual([['Утримання', 'custody', 3, 2], ['Allegations', 'allegations', 1, 1]]);
      expect(f.facilitiesCreated.sort()).toEqual(['Invented SIZO No 0', 'СІЗО (вигадане) №0']);
      const eps = await rows<{ family_name: string; facility_id: string; from_date: string | null; to_date: string | null; notes: string | null; from_earliest: string }>(
        `select r.family_name, e.facility_id, e.from_date, e.to_date, e.notes, e.from_earliest::text as from_earliest from custody_episodes e join person_records r on r.id = e.person_record_id where e.source_id = '${f.source!.id}' order by r.family_name`);
      expect(eps.map((e) => [e.family_name, e.from_date, e.to_date])).toEqual([
        ['Вигаданюк', '2022-04', null],
        ['Прикладна', '2022-04-01', '2023-03/2023-05'],
        ['Тестенко', '2022-03-20', '2022-09-21'],
      ]);
      expect(eps.find((e) => e.family_name === 'Вигаданюк')!.facility_id).toBe(known.id);
      expect(eps.find((e) => e.family_name === 'Тестенко')!.notes).toBe('синтетичні дані');
      const after = await snapshot(ws);
      expect(after.facilities - before.facilities).toBe(2);
      expect(after.custody_episodes - before.custody_episodes).toBe(3);
      expect(after.import_items - before.import_items).toBe(4);
      // the allegation sheet: its victim "Ivan Testenko" is the custody sheet's Тестенко Іван Петрович (same source)
      const [al] = await rows<{ type_code: string; when: string; narrative: string; facility_id: string; credibility: number; id: string }>(
        `select id, type_code, "when", narrative, facility_id, credibility from allegations where source_id = '${f.source!.id}'`);
      expect(al).toMatchObject({ type_code: 'beating', when: '2022-03-21', credibility: 2 });
      const victims = await rows<{ family_name: string }>(`select r.family_name from allegation_victims v join person_records r on r.id = v.person_record_id where v.allegation_id = '${al.id}'`);
      expect(victims).toEqual([{ family_name: 'Тестенко' }]);
      expect(f.victimsCreated).toBe(0);
      const perps = await rows<{ name: string }>(`select name from allegation_perpetrators where allegation_id = '${al.id}'`);
      expect(perps).toEqual([{ name: 'unknown guards' }]);
      // provenance of an episode's row
      const [item] = await rows<{ row_ref: string }>(`select row_ref from import_items where kind = 'custody' and source_id = '${f.source!.id}' order by row_ref limit 1`);
      expect(await svc.provenance(item.row_ref)).toMatchObject({ file: 'custody.xlsx', sheet: 'Утримання', row: 3, columns: { facility: 'Утримання / Місце утримання', from: 'Утримання / З' }, cells: { from: 'F3' } });
    });

    it('again: unchanged; with an end date added: the episode gets it, the row a new version', async () => {
      const before = await snapshot(ws);
      const again = await svc.run(SYSTEM, [{ path: fixture('custody.xlsx') }], { today: TODAY, skipInvalid: true });
      expect(again).toMatchObject({ written: false, imported: 0, unchanged: 4 });
      expect(await snapshot(ws)).toEqual(before);

      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(fixture('custody.xlsx'));
      wb.getWorksheet('Утримання')!.getCell('G4').value = '2024-01-10';
      const changed = join(tmp.dir, 'custody.xlsx');
      await wb.xlsx.writeFile(changed);
      const r = await svc.run(SYSTEM, [{ path: changed }], { today: TODAY, skipInvalid: true });
      expect(r.files[0]).toMatchObject({ status: 'imported', versions: 1, created: 0, unchanged: 3 });
      const after = await snapshot(ws);
      expect(after.custody_episodes).toBe(before.custody_episodes);
      expect(after.person_records - before.person_records).toBe(1);
      const [ep] = await rows<{ to_date: string }>(`select e.to_date from custody_episodes e join person_records r on r.id = e.person_record_id where r.family_name = 'Вигаданюк' and e.source_id = '${r.files[0].source!.id}'`);
      expect(ep.to_date).toBe('2024-01-10');
      const items = await rows<{ version: number; is_current: boolean }>(`select version, is_current from import_items where kind = 'custody'
        and (supersedes is not null or id in (select supersedes from import_items where supersedes is not null)) order by version`);
      expect(items.map((i) => [i.version, i.is_current])).toEqual([[1, false], [2, true]]);
      const updates = await rows<{ n: number }>(`select count(*)::int as n from audit_events where entity = 'custody_episode' and action = 'update'`);
      expect(Number(updates[0].n)).toBe(1);
    });
  });

  it('an allegations list (UTF-16, Russian headers, mapping file): types, victims, perpetrators, credibility', async () => {
    const mapping = parseMappingJson(await readFile(fixture('mapping-allegations-ru.json'), 'utf8'));
    const r = await svc.run(SYSTEM, [{ path: fixture('allegations-ru-utf16.txt') }], { today: TODAY, skipInvalid: true, mapping, source: 'Synthetic NGO list' });
    const f = r.files[0];
    expect(f).toMatchObject({ kind: 'allegations', status: 'imported', created: 2, rejected: 1, source: { title: 'Synthetic NGO list', created: true } });
    const als = await rows<{ type_code: string; when: string; credibility: number; id: string }>(`select id, type_code, "when", credibility from allegations where source_id = '${f.source!.id}' order by type_code`);
    expect(als.map((a) => [a.type_code, a.when, a.credibility])).toEqual([
      ['beating', '2022-03', 2], ['deprivation', '2022-12/2023-02', 2], ['electric_shock', '2022-12/2023-02', 2],
    ]);
    const perps = await rows<{ name: string }>(`select p.name from allegation_perpetrators p join allegations a on a.id = p.allegation_id where a.type_code = 'deprivation' and a.source_id = '${f.source!.id}' order by p.name`);
    expect(perps.map((p) => p.name)).toEqual(['охранник «А»', 'охранник «Б»']);
    const victims = await rows<{ full_name: string | null; family_name: string | null }>(`select r.full_name, r.family_name from allegation_victims v join person_records r on r.id = v.person_record_id join allegations a on a.id = v.allegation_id where a.type_code = 'beating' and a.source_id = '${f.source!.id}'`);
    expect(victims).toHaveLength(1);
    expect(victims[0].full_name ?? victims[0].family_name).toContain('Тестенко');
    const runs = await svc.list(SYSTEM, { sourceId: f.source!.id });
    const m = runs.items[0].mapping as { sheets: { columns: { header: string; field: string | null; how: string }[] }[] };
    expect(m.sheets[0].columns.find((c) => c.header === 'Комментарий оператора')).toMatchObject({ field: null, how: 'ignored_by_mapping' });
  });

  describe('a Telegram export', () => {
    let exportDir = '';
    it('every message a source with searchable text; media in the vault with hashes; placeholders and refused paths recorded', async () => {
      exportDir = await copyTelegramExport(tmp.dir);
      const before = await snapshot(ws);
      const dry = await svc.run(SYSTEM, [{ path: exportDir }], { today: TODAY, dryRun: true });
      expect(dry.files[0]).toMatchObject({ status: 'checked', created: 7, media: { stored: 2, alreadyStored: 1, missing: 1, notFound: 0, refused: 1 } });
      expect(await snapshot(ws)).toEqual(before);
      const r = await svc.run(SYSTEM, [{ path: exportDir }], { today: TODAY });
      expect(r.written).toBe(true);
      const f = r.files[0];
      expect(f).toMatchObject({ kind: 'telegram', status: 'imported', rows: 7, created: 7, rejected: 0, source: { title: 'Telegram: Синтетичний канал' } });
      expect(f.media).toEqual({ stored: 2, alreadyStored: 1, missing: 1, notFound: 0, refused: 1 });
      const after = await snapshot(ws);
      expect(after.sources - before.sources).toBe(8); // the channel's and one per message
      expect(after.documents - before.documents).toBe(7);
      const docs = await rows<{ kind: string; title: string; text: string; published_at: string | null; meta: unknown; source_id: string }>(
        `select kind, title, text, published_at::text as published_at, meta, source_id from documents where record_key like 'telegram:%' order by (meta->>'messageId')::int`);
      const meta = (d: { meta: unknown }) => (typeof d.meta === 'string' ? JSON.parse(d.meta) : d.meta) as Record<string, any>;
      expect(docs.map((d) => d.kind)).toEqual(['telegram_service', 'telegram_message', 'telegram_message', 'telegram_message', 'telegram_message', 'telegram_message', 'telegram_message']);
      const m2 = meta(docs[1]);
      expect(docs[1].text).toContain('Тестенко Іван');
      expect(m2).toMatchObject({ messageId: 2, dateUtc: '2024-03-01T10:00:00Z', url: 'https://t.me/c/1987654321/2', author: { name: 'Синтетичний канал' } });
      expect(m2.entities.map((e: { type: string }) => e.type)).toEqual(['bold', 'link', 'hashtag', 'mention', 'text_link']);
      const photo = await readFile(join(exportDir, 'photos', 'photo_2@01-03-2024_10-00-00.jpg'));
      expect(m2.media[0]).toMatchObject({ role: 'photo', status: 'present', sha256: sha(photo) });
      expect(Date.parse(docs[1].published_at!)).toBe(Date.parse('2024-03-01T10:00:00Z'));
      const m3 = meta(docs[2]);
      expect(m3).toMatchObject({ forwardedFrom: 'Інший вигаданий канал' });
      const clip = await readFile(join(exportDir, 'video_files', 'clip.mp4'));
      expect(m3.media.find((x: { role: string }) => x.role === 'file')).toMatchObject({ status: 'present', sha256: sha(clip), mimeType: 'video/mp4', durationSeconds: 3 });
      expect(meta(docs[3]).media[0]).toMatchObject({ role: 'photo', status: 'missing', reason: expect.stringContaining('File not included') });
      expect(meta(docs[4]).media[0]).toMatchObject({ role: 'file', status: 'rejected' });
      expect(meta(docs[0])).toMatchObject({ action: 'create_channel' });
      expect(meta(docs[6]).dateUtc).toBeNull();
      const ev = await rows<{ sha256: string; source_id: string }>(`select sha256, source_id from evidence_items where sha256 in ('${sha(photo)}', '${sha(clip)}')`);
      expect(ev.map((e) => e.sha256).sort()).toEqual([sha(photo), sha(clip)].sort());
      expect(ev.find((e) => e.sha256 === sha(photo))!.source_id).toBe(docs[1].source_id);
      const [src] = await rows<{ kind: string; url: string; obtained: string; title: string }>(`select kind, url, obtained, title from sources where id = '${docs[1].source_id}'`);
      expect(src).toEqual({ kind: 'social_media_post', url: 'https://t.me/c/1987654321/2', obtained: '2024-03-01', title: 'Синтетичний канал #2' });
      expect(r.warnings.map((w) => `${w.row}:${w.column}`)).toEqual(expect.arrayContaining(['5:file', '7:date_unixtime']));

      const search = await new DocumentService(ws.database.db).list(SYSTEM, { q: 'звільнений' });
      expect(search.items.map((d) => d.title)).toContain('Синтетичний канал #2');
      expect(search.items[0].snippet).toContain('звільнений');
    });

    it('again: unchanged; an edited message becomes a new version of its document', async () => {
      const before = await snapshot(ws);
      const again = await svc.run(SYSTEM, [{ path: exportDir }], { today: TODAY });
      expect(again).toMatchObject({ written: false, unchanged: 7 });
      expect(await snapshot(ws)).toEqual(before);
      const path = join(exportDir, 'result.json');
      const json = JSON.parse(await readFile(path, 'utf8'));
      json.messages[5].text = 'Оновлення: усе вигадане (виправлено).';
      json.messages[5].text_entities = [{ type: 'plain', text: json.messages[5].text }];
      json.messages[5].edited_unixtime = '1709308800';
      await writeFile(path, JSON.stringify(json, null, 1));
      const r = await svc.run(SYSTEM, [{ path: exportDir }], { today: TODAY });
      expect(r.files[0]).toMatchObject({ status: 'imported', versions: 1, created: 0, unchanged: 6 });
      const after = await snapshot(ws);
      expect(after.documents - before.documents).toBe(1);
      expect(after.sources).toBe(before.sources);
      const v = await rows<{ version: number; is_current: boolean; text: string }>(`select version, is_current, text from documents where record_key = 'telegram:1987654321:6' order by version`);
      expect(v.map((x) => [x.version, x.is_current])).toEqual([[1, false], [2, true]]);
      expect(v[1].text).toContain('виправлено');
      expect(after.evidence_items - before.evidence_items).toBe(1); // the new result.json only; media already stored
    });
  });

  it('documents: PDF, DOCX and HTML into the vault, their text searchable; the same files again add nothing', async () => {
    const files = ['report.pdf', 'statement.docx', 'article.html'].map((n) => ({ path: fixture(n) }));
    const r = await svc.run(SYSTEM, files, { today: TODAY });
    expect(r.written).toBe(true);
    expect(r.files.map((f) => [f.file, f.kind, f.format, f.status])).toEqual([
      ['report.pdf', 'document', 'pdf', 'imported'], ['statement.docx', 'document', 'docx', 'imported'], ['article.html', 'document', 'html', 'imported'],
    ]);
    for (const f of r.files) {
      expect(f.evidence!.sha256).toBe(sha(await readFile(fixture(f.file))));
      const [d] = await rows<{ text: string; evidence_sha256: string; extracted_with: string }>(`select text, evidence_sha256, extracted_with from documents where import_id = '${f.importId}'`);
      expect(d.text.length).toBeGreaterThan(20);
      expect(d.evidence_sha256).toBe(f.sha256);
    }
    const [src] = await rows<{ kind: string }>(`select kind from sources where id = '${r.files[2].source!.id}'`);
    expect(src.kind).toBe('article');
    const docs = new DocumentService(ws.database.db);
    const [pdf] = await rows<{ text: string }>(`select text from documents where import_id = '${r.files[0].importId}'`);
    const word = pdf.text.split(/\s+/).find((w) => w.length >= 6)!;
    const found = await docs.list(SYSTEM, { q: word });
    expect(found.items.some((d) => d.sourceId === r.files[0].source!.id)).toBe(true);
    const before = await snapshot(ws);
    const again = await svc.run(SYSTEM, files, { today: TODAY });
    expect(again).toMatchObject({ written: false, unchanged: 3 });
    expect(await snapshot(ws)).toEqual(before);
  });

  it('an image without tesseract (none on the PATH): a clear message, nothing written', async () => {
    const before = await snapshot(ws);
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent-vigil-test';
    let r: Awaited<ReturnType<typeof svc.run>>;
    try {
      r = await svc.run(SYSTEM, [{ path: fixture('tiny.png') }], { today: TODAY });
    } finally {
      process.env.PATH = path;
    }
    expect(r.written).toBe(false);
    expect(r.files[0]).toMatchObject({ status: 'failed' });
    expect(r.files[0].error).toContain(OCR_INSTALL_HINT);
    expect(r.rejected[0]).toMatchObject({ file: 'tiny.png', row: 0, column: '(file)' });
    expect(await snapshot(ws)).toEqual(before);
  });

  it('a CSV that breaks half way (after rows were written) takes its rows back; with skipInvalid the other files go in', async () => {
    const lines = ['Прізвище;Ім\'я;Дата народження;Особистий номер'];
    for (let i = 0; i < 12_000; i++) lines.push(`Обірванко;Іван;1990;ОБ-${i}`);
    const broken = join(tmp.dir, 'broken.csv');
    await writeFile(broken, lines.join('\n') + '\nОстанній;"незакрита лапка;1990;ОБ-x\n');
    const good = join(tmp.dir, 'good-2.csv');
    await writeFile(good, 'Прізвище;Ім\'я;Дата народження\nЦілий;Іван;1990\n');
    const before = await snapshot(ws);
    const r = await svc.run(SYSTEM, [{ path: broken }, { path: good }], { today: TODAY, skipInvalid: true });
    expect(r.written).toBe(true);
    expect(r.files[0]).toMatchObject({ file: 'broken.csv', status: 'failed', importId: null, created: 0 });
    expect(r.files[0].error).toContain('never closed');
    expect(r.files[1]).toMatchObject({ file: 'good-2.csv', status: 'imported', created: 1 });
    const after = await snapshot(ws);
    expect(after.person_records - before.person_records).toBe(1);
    expect(after.persons - before.persons).toBe(1);
    expect(after.import_runs - before.import_runs).toBe(1);
    expect(after.sources - before.sources).toBe(1);
    expect(after.evidence_items - before.evidence_items).toBe(1);
    const [gin] = await rows<{ n: number }>(`select count(*)::int as n from pg_indexes where tablename = 'persons' and indexdef ilike '%using gin%'`);
    expect(Number(gin.n)).toBe(3);
    expect(await foreignKeys()).toEqual(FOREIGN_KEYS);
  });

  it('a large import gets the search indexes and foreign keys it may drop for speed back, as they were', async () => {
    const indexes = () => rows<{ indexdef: string }>(`select indexdef from pg_indexes where tablename in ('persons', 'person_records') order by indexname`);
    const before = await indexes();
    const lines = ['Прізвище;Ім\'я;Дата народження;Особистий номер'];
    for (let i = 0; i < 4_000; i++) lines.push(`Великий;Іван;1990;ВЛ-${i}`);
    const big = join(tmp.dir, 'big.csv');
    await writeFile(big, lines.join('\n') + '\n');
    const r = await svc.run(SYSTEM, [{ path: big }], { today: TODAY });
    expect(r.files[0]).toMatchObject({ status: 'imported', created: 4_000 });
    expect(await indexes()).toEqual(before);
    expect(await foreignKeys()).toEqual(FOREIGN_KEYS);
    const [orphans] = await rows<{ n: number }>(`select count(*)::int as n from person_records r left join persons p on p.id = r.person_id where p.id is null`);
    expect(Number(orphans.n)).toBe(0);
  });

  it('one import of several files is all or nothing: a bad file keeps the good one out', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    await writeFile(bad, 'Прізвище;Ім\'я;Дата народження\nКоваль;Іван;31.02.1990\n');
    const good = join(tmp.dir, 'good.csv');
    await writeFile(good, 'Прізвище;Ім\'я;Дата народження\nДобрий;Іван;1990\n');
    const before = await snapshot(ws);
    const r = await svc.run(SYSTEM, [{ path: good }, { path: bad }], { today: TODAY });
    expect(r.written).toBe(false);
    expect(r.files.map((f) => f.status)).toEqual(['not_imported', 'invalid']);
    expect(await snapshot(ws)).toEqual(before);
  });
});
