import type { UploadProgress } from '../../api/client';
import { imports } from '../../api/pending';

export interface CommitProgress { phase: 'upload' | 'processing' | 'done'; done: number; total: number }
export interface CommitResult { id: string | null; created: Record<string, number>; rejected: number | null }

type Obj = Record<string, unknown>;
const FINAL = ['done', 'completed', 'complete', 'finished', 'failed', 'error', 'committed'];

function progressOf(r: Obj): { done: number; total: number } {
  const p = (r.progress ?? r) as Obj;
  return { done: Number(p.processed ?? p.done ?? p.rowsDone ?? 0), total: Number(p.total ?? p.rows ?? p.dataRows ?? 0) };
}
function resultOf(r: Obj): CommitResult {
  const counts = (r.created ?? r.counts ?? r.stats ?? {}) as Obj;
  const created: Record<string, number> = {};
  for (const [k, v] of Object.entries(counts)) if (typeof v === 'number') created[k] = v;
  return { id: (r.id ?? r.importId ?? null) as string | null, created, rejected: typeof r.rejected === 'number' ? r.rejected : null };
}

/** Uploads the file again with the confirmed mapping; follows the import run until it is finished when the server runs it in the background. */
export async function commitImport(form: FormData, onProgress: (p: CommitProgress) => void, signal: AbortSignal): Promise<CommitResult> {
  let r = await imports.commit(form, (u: UploadProgress) => onProgress({ phase: 'upload', done: u.loaded, total: u.total }));
  const id = (r.id ?? r.importId) as string | undefined;
  let status = String(r.status ?? r.state ?? 'done');
  while (id && !FINAL.includes(status) && !signal.aborted) {
    onProgress({ phase: 'processing', ...progressOf(r) });
    await new Promise((res) => setTimeout(res, 800));
    r = await imports.status(id);
    status = String(r.status ?? r.state ?? 'done');
  }
  onProgress({ phase: 'done', ...progressOf(r) });
  return resultOf(r);
}
