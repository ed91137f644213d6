import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectInput } from './detect';
import { fixture } from './test-paths';

const tmp: string[] = [];
afterAll(async () => { for (const d of tmp) await rm(d, { recursive: true, force: true }); });

describe('detectInput', () => {
  it.each([
    ['persons-uk-cp1251.csv', { kind: 'tabular', format: 'csv' }],
    ['allegations-ru-utf16.txt', { kind: 'tabular', format: 'csv' }],
    ['custody.xlsx', { kind: 'tabular', format: 'xlsx' }],
    ['report.pdf', { kind: 'document', format: 'pdf' }],
    ['statement.docx', { kind: 'document', format: 'docx' }],
    ['article.html', { kind: 'document', format: 'html' }],
    ['tiny.png', { kind: 'document', format: 'image' }],
    ['telegram/ChatExport_2024-03-01', { kind: 'telegram' }],
    ['telegram/ChatExport_2024-03-01/result.json', { kind: 'telegram' }],
    ['telegram', { kind: 'telegram', path: fixture('telegram/ChatExport_2024-03-01') }],
  ])('%s', async (rel, expected) => {
    expect(await detectInput(fixture(rel))).toMatchObject(expected);
  });

  it('trusts bytes, not names; names what it cannot read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-detect-'));
    tmp.push(dir);
    await writeFile(join(dir, 'list.pdf'), 'Прізвище;Ім\'я\nТестенко;Іван\nВигаданюк;Олег\n');
    await writeFile(join(dir, 'notes.csv'), 'Просто текст без таблиці.\nЩе один рядок.');
    await writeFile(join(dir, 'old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]));
    await writeFile(join(dir, 'empty.csv'), '');
    await mkdir(join(dir, 'html-export'));
    await writeFile(join(dir, 'html-export', 'messages.html'), '<html></html>');
    expect(await detectInput(join(dir, 'list.pdf'))).toMatchObject({ kind: 'tabular', format: 'csv' });
    expect(await detectInput(join(dir, 'notes.csv'))).toMatchObject({ kind: 'document', format: 'text' });
    expect(await detectInput(join(dir, 'old.xls'))).toMatchObject({ kind: 'unsupported' });
    expect(await detectInput(join(dir, 'empty.csv'))).toMatchObject({ kind: 'unsupported', reason: 'empty file' });
    expect(await detectInput(join(dir, 'html-export'))).toMatchObject({ kind: 'unsupported', reason: expect.stringMatching(/HTML export/) });
    await expect(detectInput(join(dir, 'nope'))).rejects.toMatchObject({ code: 'unreadable' });
  });
});
