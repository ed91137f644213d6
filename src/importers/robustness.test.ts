/** End-to-end robustness of the public API: a result or an ImportError, never another throw. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isImportError, parseList, readCsv } from './index';
import { fixture } from './test-paths';

async function settles(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isImportError(e)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
  }
}

describe('parseList robustness', () => {
  it('arbitrary bytes, any kind', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 1500 }), fc.constantFrom('auto', 'persons', 'custody', 'allegations'), async (bytes, as) => {
      await settles(parseList(bytes, { as: as as 'auto' }));
    }), { numRuns: 300 });
  });

  it('arbitrary text tables with recognised headers', async () => {
    const headers = ['Прізвище', 'ПІБ', "Ім'я", 'Дата народження', 'Статус', 'Місце утримання', 'З', 'По', 'Тип', 'Опис', 'Достовірність', 'Стать'];
    await fc.assert(fc.asyncProperty(
      fc.shuffledSubarray(headers, { minLength: 1 }),
      fc.array(fc.array(fc.string({ maxLength: 20 }), { maxLength: 12 }), { maxLength: 10 }),
      fc.constantFrom(';', ',', '\t'),
      async (hs, rows, d) => {
        const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
        const text = [hs.map(q).join(d), ...rows.map((r) => r.map(q).join(d))].join('\n');
        await settles(parseList(Buffer.from(text, 'utf8'), { as: 'auto' }));
      },
    ), { numRuns: 200 });
  });

  it('wrong forced encodings and truncation of every fixture list', async () => {
    const files = ['persons-uk-cp1251.csv', 'allegations-ru-utf16.txt', 'custody.xlsx'].map((f) => readFileSync(fixture(f)));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...files), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(undefined, 'utf-8', 'koi8-r', 'utf-16be', 'windows-1252', 'cp866'), async (bytes, frac, encoding) => {
      const cut = bytes.subarray(0, Math.floor(bytes.length * frac));
      await settles(parseList(cut, { as: 'auto', encoding }));
    }), { numRuns: 150 });
  });

  it('formula-looking CSV cells are kept as text, byte for byte', () => {
    fc.assert(fc.property(fc.constantFrom('=', '+', '@', '-'), fc.string({ maxLength: 30 }), (lead, rest) => {
      const cell = `${lead}HYPERLINK("http://example.org/${rest.replace(/"/g, '')}","x")`;
      const bytes = Buffer.from(`Прізвище;Примітка\nТестенко;"${cell.replace(/"/g, '""')}"\n`, 'utf8');
      expect(readCsv(bytes).sheet.rows[0].cells['Примітка']).toBe(cell);
    }), { numRuns: 100 });
  });

  it('Cyrillic text in a wrong single-byte encoding still parses (as mojibake) or fails clearly', async () => {
    const text = 'Прізвище;Дата народження\nТестенко;14.03.1991\n';
    for (const enc of ['windows-1251', 'koi8-u', 'cp866', 'iso-8859-5', 'maccyrillic']) {
      await settles(parseList(iconv.encode(text, enc), { as: 'persons' }));
    }
  });
});
