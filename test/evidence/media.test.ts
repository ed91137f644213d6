/**
 * Audio and video evidence: the type comes from the bytes, and duration, container and codecs from
 * ffprobe when it is installed (CI installs Debian's ffmpeg); without it the item says why it was not probed.
 * Fixtures are synthetic: an ffmpeg test pattern with a sine tone, and a WAV tone written here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasFfprobe } from '../../src/evidence';
import { evidenceOf } from '../../src/workspace';
import { openTestWorkspace } from '../helpers/db';
import { bytes, INVESTIGATOR } from './fixtures';

const MP4 = readFileSync(new URL('../fixtures/evidence/synthetic-test-pattern.mp4', import.meta.url));
const probing = await hasFfprobe();

/** A mono 16-bit PCM WAV of `seconds` of a 440 Hz tone at `rate` samples per second. */
function wav(seconds: number, rate = 8000): Buffer {
  const n = Math.round(seconds * rate);
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0); b.writeUInt32LE(36 + n * 2, 4); b.write('WAVE', 8);
  b.write('fmt ', 12); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24); b.writeUInt32LE(rate * 2, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34);
  b.write('data', 36); b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}

describe('audio and video evidence (PGlite)', () => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  beforeAll(async () => { ws = await openTestWorkspace('pglite'); });
  afterAll(async () => ws?.dispose());

  it('sniffs video and audio from the bytes, whatever the file name says', async () => {
    const v = await evidenceOf(ws).intake.add(INVESTIGATOR, bytes(MP4), { originalName: 'notes.txt' });
    expect(v.item.mediaType).toBe('video/mp4');
    const a = await evidenceOf(ws).intake.add(INVESTIGATOR, bytes(wav(1.5)), { originalName: 'call.bin' });
    expect(a.item.mediaType).toMatch(/^audio\/(wav|x-wav|vnd\.wave)$/);
    if (!probing) {
      expect(v.item.metadata).toEqual({ probe: 'not probed: ffprobe is not installed' });
      expect(a.item.metadata).toEqual({ probe: 'not probed: ffprobe is not installed' });
    }
  });

  it.runIf(probing)('records duration, container and codecs from ffprobe', async () => {
    const v = await evidenceOf(ws).intake.add(INVESTIGATOR, bytes(MP4), { originalName: 'clip.mp4' });
    expect(v.item.metadata).toMatchObject({ container: expect.stringContaining('mp4') });
    expect((v.item.metadata as { durationSeconds: number }).durationSeconds).toBeCloseTo(2, 1);
    expect((v.item.metadata as { streams: unknown[] }).streams).toEqual(expect.arrayContaining([
      { type: 'video', codec: 'h264', width: 96, height: 64 },
      { type: 'audio', codec: 'aac' },
    ]));
    const a = await evidenceOf(ws).intake.add(INVESTIGATOR, bytes(wav(2.25)), { originalName: 'tone.wav' });
    expect((a.item.metadata as { durationSeconds: number }).durationSeconds).toBeCloseTo(2.25, 2);
    expect((a.item.metadata as { streams: unknown[] }).streams).toEqual([{ type: 'audio', codec: 'pcm_s16le' }]);
  });
});
