// Synthetic evidence for the DEMO workspace: two tiny generated images with invented EXIF (camera,
// capture time, GPS near an invented place), a text file, a redacted derivative and a view of a
// restricted item. Every byte is generated here; nothing is a real photograph or statement.
import { Readable } from 'node:stream';
import type { Actor } from '../domain';
import type { Db } from '../db';
import { evidenceOf, type Workspace } from '../workspace';
import { syntheticJpeg, syntheticPng } from './evidence-images';

export interface DemoEvidenceCounts { evidence: number }

const file = (b: Buffer | string) => Readable.from([Buffer.from(b)]);

/** Adds the synthetic evidence inside the demo seeding transaction `tx`; refuses real workspaces. */
export async function seedDemoEvidence(ws: Workspace, actor: Actor, tx: Db, sourceId?: string): Promise<DemoEvidenceCounts> {
  if (ws.meta.kind !== 'demo') throw new Error('demo evidence goes only into demo workspaces');
  const intake = evidenceOf(ws).intake;
  const custody = evidenceOf(ws).custody;
  const add = (bytes: Buffer | string, originalName: string, extra: Record<string, unknown> = {}) =>
    intake.add(actor, file(bytes), { originalName, sourceId: sourceId ?? null, note: 'Synthetic demo evidence.', ...extra }, { tx });
  const photo = await add(syntheticJpeg({ make: 'Invented Optics', model: 'Demo Cam 7', takenAt: '2023:08:14 09:31:05', lat: 47.0951, lon: 37.5413 }, 3), 'demo-photo-facility-gate.jpg');
  const scan = await add(syntheticPng({ make: 'Invented Scanner', model: 'Flatbed 2', takenAt: '2024:02:01 16:00:00', lat: 46.6354, lon: 32.6169 }, 180), 'demo-scan-list-page.png', { sensitivity: 'restricted' });
  const text = 'SYNTHETIC DEMO STATEMENT\nA fictional witness describes a fictional facility. No real person is named.\nWitness pseudonym: W-DEMO-001\n';
  const statement = await add(text, 'demo-statement.txt', { sensitivity: 'restricted' });
  await add(text.replace('W-DEMO-001', '[redacted]'), 'demo-statement-redacted.txt', { derivedFrom: statement.item.id, sensitivity: 'internal' });
  await custody.record(actor, [{ item: scan.item, kind: 'viewed' }], tx);
  return { evidence: [photo, scan, statement].length + 1 };
}
