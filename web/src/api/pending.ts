/**
 * The workflow endpoints (evidence, imports, linkage review, testimonies, sign-in). Their answers are
 * read field by field into the shapes the screens use.
 */
import { api, upload, uploadNdjson, type UploadProgress } from './client';

const V1 = '/api/v1';
type Obj = Record<string, unknown>;

const str = (o: Obj, ...keys: string[]): string | null => {
  for (const k of keys) if (typeof o[k] === 'string' || typeof o[k] === 'number') return String(o[k]);
  return null;
};
const num = (o: Obj, ...keys: string[]): number | null => {
  for (const k of keys) if (typeof o[k] === 'number') return o[k] as number;
  return null;
};
const arr = (o: Obj, ...keys: string[]): Obj[] => {
  for (const k of keys) if (Array.isArray(o[k])) return o[k] as Obj[];
  return [];
};

// ---------- sign-in ----------
export interface Session { user: { id: string; name: string; role: string } | null; csrfToken: string | null; workspaceKind: string | null; actingAs: string | null }
export async function getSession(): Promise<Session> {
  const r = await api.get<Obj>(`${V1}/auth/session`);
  const u = (r.user ?? null) as Obj | null;
  return {
    user: u ? { id: str(u, 'id') ?? '', name: str(u, 'displayName', 'name', 'username', 'email') ?? '', role: str(u, 'role') ?? '' } : null,
    csrfToken: str(r, 'csrfToken'),
    workspaceKind: str(r, 'workspaceKind'),
    actingAs: str(r, 'actingAs'),
  };
}
let sessionPromise: Promise<Session> | null = null;
/** The session, asked once per page load (the app shell and the screens share the answer); refresh after sign-in or out. */
export function sessionOnce(refresh = false): Promise<Session> {
  if (refresh || !sessionPromise) sessionPromise = getSession().catch((e) => { sessionPromise = null; throw e; });
  return sessionPromise;
}

/** The role requests act with: the signed-in user's, or the demo workspace's stand-in. */
export function roleOf(s: Session | null | undefined): string | null {
  return s?.user?.role ?? s?.actingAs ?? null;
}

export const login = (username: string, password: string, totp?: string) =>
  api.post<Obj>(`${V1}/auth/login`, { username, password, ...(totp ? { totp } : {}) });
export const logout = () => api.post<Obj>(`${V1}/auth/logout`, {});

// ---------- evidence ----------
export interface EvidenceItem {
  id: string; sha256: string | null; mediaType: string | null; size: number | null; fileName: string | null;
  receivedAt: string | null; logIndex: number | null; sourceId: string | null; description: string | null;
}
export interface CustodyEvent { at: string | null; action: string; actor: string | null; note: string | null }

export function toEvidence(o: Obj): EvidenceItem {
  return {
    id: str(o, 'id') ?? '', sha256: str(o, 'sha256', 'hash'), mediaType: str(o, 'mediaType', 'contentType', 'mimeType'),
    size: num(o, 'size', 'bytes', 'byteLength'), fileName: str(o, 'originalName', 'fileName', 'filename', 'name'),
    receivedAt: str(o, 'receivedAt', 'createdAt'), logIndex: num(o, 'leafIndex', 'logIndex', 'index'),
    sourceId: str(o, 'sourceId'), description: str(o, 'note', 'description', 'notes'),
  };
}
function toCustodyEvent(o: Obj): CustodyEvent {
  const details = o.details && typeof o.details === 'object' ? Object.entries(o.details as Obj).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ') : null;
  return { at: str(o, 'at', 'occurredAt', 'createdAt', 'time'), action: str(o, 'action', 'kind', 'event', 'type') ?? '', actor: str(o, 'actor', 'actorId', 'by'), note: str(o, 'note', 'notes') ?? details };
}

export const evidence = {
  async list(q: { sourceId?: string; limit?: number; offset?: number } = {}) {
    const r = await api.get<Obj>(`${V1}/evidence`, q);
    return { items: arr(r, 'items').map(toEvidence), total: num(r, 'total') ?? 0 };
  },
  async get(id: string) {
    const r = await api.get<Obj>(`${V1}/evidence/${id}`);
    const item = (r.item as Obj | undefined) ?? r;
    return { item: toEvidence(item), custody: arr(r, 'custody', 'custodyEvents', 'events', 'history').map(toCustodyEvent) };
  },
  /** Multipart: the fields originalName, sourceId, sensitivity, note go before the file part. */
  async upload(form: FormData, onProgress?: (p: UploadProgress) => void) {
    const r = await upload<Obj>(`${V1}/evidence`, form, onProgress);
    return { ...toEvidence((r.item as Obj | undefined) ?? r), duplicate: r.duplicate === true, treeSize: num(r, 'treeSize') };
  },
  checkpoint: () => api.get<string>('/log/checkpoint'),
  /** The self-contained proof (leaf, audit path, checkpoint, verifier key); the bare log proof when the item route has none. */
  async proof(id: string, index: number | null): Promise<unknown> {
    try {
      return await api.get<unknown>(`${V1}/evidence/${id}/proof`);
    } catch (e) {
      if (index == null) throw e;
      return api.get<unknown>(`${V1}/log/proofs/inclusion`, { index });
    }
  },
};

// ---------- imports ----------
export interface ImportProblem { file: string | null; row: number | null; column: string | null; severity: string; message: string }
export interface ImportColumn { name: string; suggested: string | null; samples: string[] }
export interface ImportPreview {
  id: string | null; kind: string | null; columns: ImportColumn[]; fields: string[];
  rows: Record<string, unknown>[]; problems: ImportProblem[]; stats: { dataRows: number | null; accepted: number | null; rejected: number | null };
}

export function toPreview(r: Obj): ImportPreview {
  const mapping = (r.mapping ?? r.suggestions ?? r.mappingSuggestions ?? {}) as Obj;
  const mapped = ((mapping.columns as Obj | undefined) ?? mapping) as Obj;
  const rawRows = arr(r, 'rows', 'preview', 'rowsPreview');
  const rawCols = Array.isArray(r.columns) ? (r.columns as unknown[]) : Object.keys(mapped);
  const columns: ImportColumn[] = rawCols.map((c) => {
    const o: Obj = typeof c === 'string' ? { name: c } : (c as Obj);
    const name = str(o, 'name', 'header', 'key') ?? '';
    const sugg = str(o, 'field', 'suggested', 'suggestion') ?? (typeof mapped[name] === 'string' ? (mapped[name] as string) : null);
    const samples = Array.isArray(o.samples) ? (o.samples as unknown[]).map(String) : rawRows.slice(0, 3).map((row) => String(((row.cells ?? row.raw ?? row) as Obj)[name] ?? ''));
    return { name, suggested: sugg, samples };
  });
  const s = (r.stats ?? {}) as Obj;
  return {
    id: str(r, 'id', 'previewId', 'token'), kind: str(r, 'kind', 'as'), columns,
    fields: Array.isArray(r.fields) ? (r.fields as string[]) : [],
    rows: rawRows.map((row) => ((row.data ?? row.fields ?? row) as Record<string, unknown>)),
    problems: arr(r, 'problems', 'errors').map((p) => ({
      file: str(p, 'file'), row: num(p, 'row'), column: str(p, 'column', 'field'), severity: str(p, 'severity') ?? 'error', message: str(p, 'message') ?? '',
    })),
    stats: { dataRows: num(s, 'dataRows', 'rows'), accepted: num(s, 'accepted'), rejected: num(s, 'rejected') },
  };
}

/** One line of the import's NDJSON answer: progress, then the report (or an error). */
export interface ImportLine { phase?: string; done?: number; total?: number; file?: string; report?: Obj; error?: { title?: string; detail?: string } }

export const imports = {
  preview: async (form: FormData, onProgress?: (p: UploadProgress) => void) => toPreview(await upload<Obj>(`${V1}/imports/preview`, form, onProgress)),
  /** POST /api/v1/imports answers NDJSON progress lines and a final {report} (or, from older servers, one JSON object). */
  commit: (form: FormData, onUpload: (p: UploadProgress) => void, onLine: (l: ImportLine) => void) => uploadNdjson<ImportLine>(`${V1}/imports`, form, onUpload, onLine),
  status: (id: string) => api.get<Obj>(`${V1}/imports/${id}`),
};

// ---------- linkage review ----------
export interface ReviewRecord { id: string | null; personId: string | null; sourceTitle: string | null; fields: Record<string, string | null> }
export interface ReviewComparison { field: string; left: string | null; right: string | null; level: string | null; weight: number | null }
export interface ReviewPair { id: string; weight: number | null; probability: number | null; prior: number | null; reason: string | null; left: ReviewRecord; right: ReviewRecord; comparisons: ReviewComparison[]; remaining: number | null }

function toRecord(o: Obj): ReviewRecord {
  const fields: Record<string, string | null> = {};
  const src = ((o.fields as Obj | undefined) ?? o) as Obj;
  for (const [k, v] of Object.entries(src)) {
    if (['id', 'personId', 'sourceId', 'sourceTitle', 'fields'].includes(k)) continue;
    if (v === null || typeof v === 'string' || typeof v === 'number') fields[k] = v === null ? null : String(v);
  }
  return { id: str(o, 'id', 'recordId'), personId: str(o, 'personId'), sourceTitle: str(o, 'sourceTitle', 'source'), fields };
}
export function toPair(o: Obj, remaining: number | null): ReviewPair {
  return {
    id: str(o, 'id', 'pairId') ?? '', weight: num(o, 'weight', 'matchWeight', 'score'), probability: num(o, 'probability', 'posterior', 'p'),
    prior: num(o, 'prior'), reason: str(o, 'reason'),
    left: toRecord((o.left ?? o.a ?? o.recordA ?? {}) as Obj), right: toRecord((o.right ?? o.b ?? o.recordB ?? {}) as Obj),
    comparisons: arr(o, 'comparisons', 'explanation', 'fields', 'weights').map((c) => ({
      field: str(c, 'field', 'name', 'comparison') ?? '', left: str(c, 'left', 'a'), right: str(c, 'right', 'b'),
      level: str(c, 'level', 'agreement', 'outcome'), weight: num(c, 'weight', 'partialWeight', 'contribution'),
    })),
    remaining,
  };
}
export const linkage = {
  async next(): Promise<ReviewPair[]> {
    const r = await api.get<Obj | Obj[]>(`${V1}/linkage/review`);
    if (Array.isArray(r)) return r.map((o) => toPair(o, r.length));
    const items = arr(r, 'items', 'pairs');
    if (items.length) return items.map((o) => toPair(o, num(r, 'total', 'remaining')));
    return r.id || r.pairId ? [toPair(r, num(r, 'remaining'))] : [];
  },
  decide: (id: string, decision: 'match' | 'non_match' | 'skip') => api.post<Obj>(`${V1}/linkage/review/${id}`, { decision }),
};

// ---------- testimonies ----------
export interface TestimonyResult {
  sourceId: string; witnessRecordId: string; witnessPersonId: string; pseudonym: string; witnessId: string | null;
  records: Record<string, string>; custodyEpisodes: number; allegationIds: string[];
}
export const testimonies = {
  create: (body: unknown) => api.post<TestimonyResult>(`${V1}/testimonies`, body),
};
