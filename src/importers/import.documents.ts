/**
 * A document (PDF, DOCX, HTML, text, image with OCR) into the registry: the original into the
 * evidence vault, its text into `documents` (searchable). Within its source a document is known by
 * its file name: the same name with other bytes is a new version; the same bytes are unchanged.
 */
import type { ExtractedDocument } from './documents';
import type { FileImport, ImportContext } from './import.context';
import { importRepository } from './import.repository';

const NUL = /\u0000/g;

export function documentKey(name: string): string {
  return `file:${name.normalize('NFC')}`;
}

export async function importDocument(ctx: ImportContext, f: FileImport, doc: ExtractedDocument): Promise<void> {
  const report = f.report;
  report.rows = 1;
  for (const w of doc.warnings) {
    ctx.warnings.push({ file: f.name, row: 0, column: '(document)', severity: 'warning', message: w });
    report.warnings++;
  }
  const key = documentKey(f.name);
  const prev = f.sourceId ? (await importRepository.currentDocuments(ctx.db, key, f.sourceId)).get(key) : undefined;
  if (prev && prev.contentHash === f.sha256) { report.unchanged = 1; return; }
  report.imported = 1;
  if (prev) report.versions = 1; else report.created = 1;
  if (!ctx.writing) return;
  const { sourceId, importId } = await ctx.begin(f);
  const id = ctx.newId();
  const hadNul = NUL.test(doc.text);
  const meta = {
    fileName: f.name, format: doc.format, mediaType: doc.mediaType, method: doc.method, ...(doc.encoding ? { encoding: doc.encoding } : {}),
    ...(doc.pages ? { pages: doc.pages.length } : {}), meta: doc.meta, warnings: doc.warnings,
    ...(hadNul ? { note: 'NUL characters of the text were replaced by U+FFFD' } : {}),
  };
  const published = doc.meta.published ?? doc.meta.publishedTime ?? null;
  await importRepository.supersedeDocuments(ctx.tx!, prev ? [prev.id] : []);
  await importRepository.insertDocuments(ctx.tx!, [{
    id, sourceId, evidenceSha256: f.sha256, title: (doc.title ?? f.name).slice(0, 1000), text: doc.text.replace(NUL, '\uFFFD'), extractedWith: doc.method,
    kind: 'document', importId, recordKey: key, contentHash: f.sha256, publishedAt: published && !Number.isNaN(Date.parse(published)) ? new Date(published).toISOString() : null,
    meta, version: prev ? prev.version + 1 : 1, supersedes: prev?.id ?? null, isCurrent: true,
  }]);
  await ctx.audit([{ actor: ctx.actor.id, entity: 'document', entityId: id, action: prev ? 'correct' : 'create', diff: { after: { id, sourceId, kind: 'document', version: prev ? prev.version + 1 : 1, evidenceSha256: f.sha256 }, importId } }]);
}
