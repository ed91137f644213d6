// Shared setup of the evidence tests: synthetic files only.
import { Readable } from 'node:stream';
import type { Actor } from '../../src/domain';
import { syntheticJpeg, syntheticPng } from '../../src/demo/evidence-images';
import { evidenceOf, type Workspace } from '../../src/workspace';

export const INVESTIGATOR: Actor = { id: 'u-investigator-1', role: 'investigator' };
export const ANALYST: Actor = { id: 'u-analyst-1', role: 'analyst' };
export const EXIF = { make: 'Invented', model: 'Synthetic Cam', takenAt: '2023:04:05 06:07:08', lat: 47.1, lon: 37.55 };

export const bytes = (b: Buffer | string): Readable => Readable.from([Buffer.from(b)]);

/** Three receipts (a JPEG, a PNG, a text file), a duplicate receipt and a restricted view. */
export async function seedVault(ws: Workspace) {
  const v = evidenceOf(ws);
  const jpeg = await v.intake.add(INVESTIGATOR, bytes(syntheticJpeg(EXIF)), { originalName: 'photo.jpg' });
  const png = await v.intake.add(INVESTIGATOR, bytes(syntheticPng(EXIF)), { originalName: 'scan.png', sensitivity: 'restricted' });
  const text = await v.intake.add(INVESTIGATOR, bytes('Synthetic statement, invented for tests.\n'), { originalName: 'note.txt' });
  const dup = await v.intake.add(INVESTIGATOR, bytes('Synthetic statement, invented for tests.\n'), { originalName: 'note-copy.txt' });
  const opened = await v.custody.open(INVESTIGATOR, png.item.id, 'viewed');
  opened.stream.destroy();
  return { v, jpeg, png, text, dup };
}
