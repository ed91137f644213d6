import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isImportError } from './errors';
import { parseTelegramExport, readTelegramExport } from './telegram';
import { flattenTelegramText } from './telegram-text';
import { fixture } from './test-paths';

const EXPORT = fixture('telegram/ChatExport_2024-03-01');
const tmp: string[] = [];
afterAll(async () => { for (const d of tmp) await rm(d, { recursive: true, force: true }); });
async function tempDir() {
  const d = await mkdtemp(join(tmpdir(), 'vigil-tg-'));
  tmp.push(d);
  return d;
}

describe('readTelegramExport on the fixture', async () => {
  const ex = await readTelegramExport(EXPORT);
  const byId = new Map(ex.entries.map((e) => [e.messageId, e]));

  it('reads the channel and every message', () => {
    expect(ex.chats).toEqual([{ name: 'Синтетичний канал', id: '1987654321', type: 'private_channel', username: null }]);
    expect(ex.entries.map((e) => e.messageId)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ex.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records service messages as such', () => {
    expect(byId.get(1)).toMatchObject({ kind: 'service', action: 'create_channel', actor: { name: 'Синтетичний канал', id: 'channel1987654321' } });
  });

  it('uses date_unixtime as UTC, never the zone-less date', () => {
    expect(byId.get(2)!.dateUtc).toBe('2024-03-01T10:00:00Z');
    expect(byId.get(6)!.editedUtc).toBe('2024-03-01T15:00:00Z');
    expect(byId.get(7)!.dateUtc).toBeNull();
    expect(ex.problems.find((p) => p.row === 7)).toMatchObject({ column: 'date_unixtime', severity: 'warning' });
  });

  it('flattens text entities and keeps links, mentions and hashtags', () => {
    const m = byId.get(2)!;
    expect(m.text).toBe('Вигаданий Тестенко Іван звільнений. Деталі: https://example.org/news/1 #полон від @synthetic_source, джерело');
    expect(m.entities.map((e) => e.type)).toEqual(['bold', 'link', 'hashtag', 'mention', 'text_link']);
    for (const e of m.entities) expect(m.text.slice(e.offset, e.offset + e.length)).toBe(e.text);
    expect(m.links).toEqual(['https://example.org/news/1', 'https://example.org/src']);
    expect(m.mentions).toEqual(['@synthetic_source']);
    expect(m.hashtags).toEqual(['#полон']);
    expect(m.author).toEqual({ name: 'Синтетичний канал', id: 'channel1987654321' });
  });

  it('builds private t.me/c links, or public ones from a username', async () => {
    expect(byId.get(2)!.url).toBe('https://t.me/c/1987654321/2');
    const pub = await readTelegramExport(EXPORT, { username: '@synthetic_channel' });
    expect(pub.entries[1].url).toBe('https://t.me/synthetic_channel/2');
  });

  it('resolves media inside the export, records missing files and rejects traversal', () => {
    expect(byId.get(2)!.media[0]).toMatchObject({ role: 'photo', status: 'present', path: 'photos/photo_2@01-03-2024_10-00-00.jpg', sizeBytes: 22 });
    const video = byId.get(3)!;
    expect(video.forwardedFrom).toBe('Інший вигаданий канал');
    expect(video.media[0]).toMatchObject({ role: 'file', status: 'present', mediaType: 'video_file', mimeType: 'video/mp4', durationSeconds: 3 });
    expect(video.media[1]).toMatchObject({ role: 'thumbnail', status: 'present' });
    expect(byId.get(4)!.media[0]).toMatchObject({ role: 'photo', status: 'missing', reason: '(File not included. Change data exporting settings to download.)' });
    expect(byId.get(5)!.media[0]).toMatchObject({ status: 'rejected', path: '../../../etc/passwd' });
    expect(byId.get(5)!.media[0].absolutePath).toBeUndefined();
    expect(ex.problems.find((p) => p.row === 5)).toMatchObject({ column: 'file', severity: 'error' });
    expect(byId.get(6)!.replyToMessageId).toBe(2);
  });

  it('gives each message a content hash that changes when the message changes', async () => {
    const again = await readTelegramExport(join(EXPORT, 'result.json'));
    expect(again.entries.map((e) => e.contentHash)).toEqual(ex.entries.map((e) => e.contentHash));
    expect(new Set(ex.entries.map((e) => e.contentHash)).size).toBe(ex.entries.length);
  });
});

describe('telegram safety and robustness', () => {
  it('rejects absolute paths, Windows traversal and symlinks leading out of the export', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'files'));
    await symlink('/etc', join(dir, 'files', 'etc'));
    const messages = ['/etc/passwd', '..\\..\\secret.txt', 'C:/Windows/win.ini', 'files/etc/hostname', 'files/../../x'].map((file, i) => ({ id: i + 1, type: 'message', date_unixtime: '1700000000', file, text: '' }));
    await writeFile(join(dir, 'result.json'), JSON.stringify({ name: 'x', type: 'personal_chat', id: 1, messages }));
    const ex = await readTelegramExport(dir);
    expect(ex.entries.map((e) => e.media[0].status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(ex.entries[0].url).toBeNull(); // personal chats have no t.me links
  });

  it('reads a whole-account export (chats.list)', async () => {
    const json = { about: 'x', chats: { about: 'y', list: [{ name: 'A', type: 'public_supergroup', id: 5, messages: [{ id: 9, type: 'message', date_unixtime: '0', text: 'hi' }] }] } };
    const ex = await parseTelegramExport(Buffer.from(JSON.stringify(json)), 'result.json', '/nonexistent');
    expect(ex.entries[0]).toMatchObject({ messageId: 9, dateUtc: '1970-01-01T00:00:00Z', text: 'hi', url: 'https://t.me/c/5/9' });
  });

  it('fails clearly on broken or foreign JSON', async () => {
    await expect(parseTelegramExport(Buffer.from('{"messages": ['), 'r.json', '/x')).rejects.toMatchObject({ code: 'telegram_invalid' });
    await expect(parseTelegramExport(Buffer.from('{"version":1}'), 'r.json', '/x')).rejects.toThrow(/not a Telegram Desktop JSON export/);
    await expect(readTelegramExport('/nonexistent/folder')).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('arbitrary JSON: an export or an ImportError, never a crash', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ name: fc.jsonValue(), type: fc.jsonValue(), id: fc.jsonValue(), messages: fc.array(fc.oneof(fc.jsonValue(), fc.record({ id: fc.jsonValue(), date_unixtime: fc.jsonValue(), text: fc.jsonValue(), text_entities: fc.jsonValue(), photo: fc.jsonValue(), file: fc.string() }))) })), async (json) => {
      try {
        const ex = await parseTelegramExport(Buffer.from(JSON.stringify(json) ?? 'null'), 'result.json', '/nonexistent-export');
        for (const e of ex.entries) expect(typeof e.text).toBe('string');
      } catch (e) {
        expect(isImportError(e)).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('truncated result.json: a clear error', async () => {
    const full = Buffer.from(JSON.stringify({ name: 'x', type: 'private_channel', id: 1, messages: [{ id: 1, type: 'message', date_unixtime: '1', text: 'абв' }] }));
    for (let n = 0; n < full.length; n++) {
      await expect(parseTelegramExport(full.subarray(0, n), 'result.json', '/x')).rejects.toMatchObject({ code: 'telegram_invalid' });
    }
  });

  it('handles a large export (60 000 messages) in reasonable time', async () => {
    const messages = Array.from({ length: 60_000 }, (_, i) => ({ id: i + 1, type: 'message', date: '2024-01-01T00:00:00', date_unixtime: String(1704067200 + i), from: 'Канал', from_id: 'channel1', text: ['Повідомлення ', { type: 'hashtag', text: '#тест' }, ' '.repeat(i % 7) + 'текст'.repeat(20)] }));
    const bytes = Buffer.from(JSON.stringify({ name: 'Канал', type: 'private_channel', id: 1, messages }));
    const t0 = performance.now();
    const ex = await parseTelegramExport(bytes, 'result.json', '/nonexistent');
    expect(ex.entries).toHaveLength(60_000);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
});

describe('flattenTelegramText', () => {
  it('accepts a string, a mixed array or text_entities', () => {
    expect(flattenTelegramText('plain').text).toBe('plain');
    expect(flattenTelegramText(['a ', { type: 'mention_name', text: 'Ім’я', user_id: 42 }]).mentions).toEqual(['Ім’я (user 42)']);
    expect(flattenTelegramText(null).text).toBe('');
    expect(flattenTelegramText([1, null, { type: 'bold' }]).text).toBe('');
  });
});
