import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtures } from '../../test/fixtures/importers/make-fixtures';
import { detectInput, extractDocumentFile, parseListFile, readTelegramExport } from './index';
import { FIXTURES } from './test-paths';

const tmp: string[] = [];
afterAll(async () => { for (const d of tmp) await rm(d, { recursive: true, force: true }); });

describe('make-fixtures', () => {
  it('regenerates every committed fixture, and the regenerated files parse the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-fixtures-'));
    tmp.push(dir);
    const files = await makeFixtures(dir);
    for (const f of files) await expect(readFile(join(FIXTURES, f))).resolves.toBeInstanceOf(Buffer);
    // byte-identical where the format has no embedded timestamps
    for (const f of ['persons-uk-cp1251.csv', 'allegations-ru-utf16.txt', 'report.pdf', 'article.html', 'telegram/ChatExport_2024-03-01/result.json', 'statement.docx']) {
      expect((await readFile(join(dir, f))).equals(await readFile(join(FIXTURES, f))), f).toBe(true);
    }
    const a = await parseListFile(join(dir, 'custody.xlsx'), { today: '2024-06-01' });
    const b = await parseListFile(join(FIXTURES, 'custody.xlsx'), { today: '2024-06-01' });
    expect(a.sheets.map((s) => s.result.rows.map((r) => r.rowHash))).toEqual(b.sheets.map((s) => s.result.rows.map((r) => r.rowHash)));
    expect((await extractDocumentFile(join(dir, 'report.pdf'))).text).toContain('SYNTHETIC TEST REPORT');
    expect((await readTelegramExport(join(dir, 'telegram'))).entries).toHaveLength(7);
    expect(await detectInput(join(dir, 'telegram'))).toMatchObject({ kind: 'telegram' });
  });
});
