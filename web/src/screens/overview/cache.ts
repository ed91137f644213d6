/**
 * The overview asks many small counting questions. Their answers are kept in localStorage keyed by
 * the workspace's data version (GET /api/v1/status): while nothing changed, a revisit costs one request.
 */
import { ApiError } from '../../api/client';
import { registry } from '../../api/registry';
import type { WorkspaceStatus } from '../../api/types';

const KEY = 'vigil.overview.cache.v1';
let statusPromise: { at: number; p: Promise<WorkspaceStatus | null> } | null = null;

/** The workspace status, shared by the overview's sections for a few seconds; null when the caller may not read it. */
export function currentStatus(): Promise<WorkspaceStatus | null> {
  if (!statusPromise || Date.now() - statusPromise.at > 5000) {
    const p = registry.status().catch((e: unknown) => {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
      throw e;
    });
    statusPromise = { at: Date.now(), p };
  }
  return statusPromise.p;
}

type Store = { version: string; entries: Record<string, unknown> };
function read(): Store | null {
  try { return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Store | null; } catch { return null; }
}

export async function cached<T>(name: string, load: () => Promise<T>): Promise<T> {
  const store = read();
  if (!store || !(name in store.entries)) {
    // Nothing kept yet (a first visit): load at once; ask for the version afterwards, in the background.
    const data = await load();
    void currentStatus().then((st) => { if (st) keep(name, `${st.workspace.id}:${st.dataVersion}`, data); }, () => {});
    return data;
  }
  const st = await currentStatus().catch(() => null);
  const version = st ? `${st.workspace.id}:${st.dataVersion}` : null;
  if (version && store.version === version) return store.entries[name] as T;
  const data = await load();
  if (version) keep(name, version, data);
  return data;
}

function keep(name: string, version: string, data: unknown): void {
  const now = read(); // re-read: the other sections may have written meanwhile
  const next: Store = now?.version === version ? now : { version, entries: {} };
  next.entries[name] = data;
  try { localStorage.setItem(KEY, JSON.stringify(next)); } catch { /* full or blocked */ }
}
