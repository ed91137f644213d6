import { ApiError, type UploadProgress } from '../../api/client';
import { imports, type ImportLine } from '../../api/pending';

export interface CommitProgress { phase: string; done: number; total: number }
export interface CommitResult { imported: number | null; unchanged: number | null; rejected: number | null; dryRun: boolean; sources: { id: string | null; title: string }[] }

type Obj = Record<string, unknown>;
const FINAL = ['done', 'completed', 'complete', 'finished', 'failed', 'error', 'committed'];

function resultOf(r: Obj): CommitResult {
  const files = Array.isArray(r.files) ? (r.files as Obj[]) : [];
  const sources = files.map((f) => f.source as { id: string | null; title: string } | null).filter((x): x is { id: string | null; title: string } => Boolean(x));
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const created = (r.created ?? {}) as Obj;
  return {
    imported: num(r.imported) ?? num(created.persons), unchanged: num(r.unchanged),
    rejected: Array.isArray(r.rejected) ? r.rejected.length : num(r.rejected), dryRun: r.dryRun === true, sources,
  };
}

/**
 * Sends the file again with the confirmed mapping. The server streams progress lines (read, validate,
 * write, media, commit) and then its report; a server that answers a run id instead is followed until done.
 */
export async function commitImport(form: FormData, onProgress: (p: CommitProgress) => void, signal: AbortSignal): Promise<CommitResult> {
  const last = await imports.commit(form,
    (u: UploadProgress) => onProgress({ phase: 'upload', done: u.loaded, total: u.total }),
    (l: ImportLine) => { if (l.phase) onProgress({ phase: l.phase, done: l.done ?? 0, total: l.total ?? 0 }); });
  if (last.error) throw new ApiError(500, last.error.title ?? 'Import failed', last.error.detail, [], '/api/v1/imports');
  if (last.report) { onProgress({ phase: 'done', done: 1, total: 1 }); return resultOf(last.report); }
  let r = last as unknown as Obj;
  const id = (r.id ?? r.importId) as string | undefined;
  let status = String(r.status ?? 'done');
  while (id && !FINAL.includes(status) && !signal.aborted) {
    const p = (r.progress ?? {}) as Obj;
    onProgress({ phase: 'write', done: Number(p.processed ?? p.done ?? 0), total: Number(p.total ?? 0) });
    await new Promise((res) => setTimeout(res, 800));
    r = await imports.status(id);
    status = String(r.status ?? 'done');
  }
  onProgress({ phase: 'done', done: 1, total: 1 });
  return resultOf(r);
}
