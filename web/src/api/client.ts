/** A small typed client for the Vigil REST API. Errors arrive as RFC 9457 problem+json and are kept with their field names. */

export interface ProblemField { field: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fields: ProblemField[],
    readonly path: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response, path: string): Promise<ApiError> {
  let body: { title?: string; detail?: string; errors?: ProblemField[] } = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, body.title ?? res.statusText ?? 'Error', body.detail, Array.isArray(body.errors) ? body.errors : [], path);
}

export interface RequestOptions { method?: string; body?: unknown; signal?: AbortSignal; query?: Query }

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const url = withQuery(path, opts.query);
  let res = await fetch(url, { method, headers, body, signal: opts.signal, credentials: 'same-origin' });
  // Reads refused by the rate limiter are tried again after the pause the server asks for (twice at most, 10 s at most).
  for (let attempt = 0; res.status === 429 && method === 'GET' && attempt < 2; attempt++) {
    const wait = Math.min(10, Number(res.headers.get('retry-after')) || 2 ** attempt);
    await new Promise((r) => setTimeout(r, wait * 1000));
    res = await fetch(url, { method, headers, signal: opts.signal, credentials: 'same-origin' });
  }
  if (!res.ok) throw await toError(res, path);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? res.json() : res.text()) as Promise<T>;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
};

export interface UploadProgress { loaded: number; total: number }

/**
 * Multipart upload whose answer is NDJSON, one line per progress event: upload progress from
 * XMLHttpRequest, each complete line handed to `onLine` as it arrives. Resolves with the last line.
 */
export function uploadNdjson<T>(path: string, form: FormData, onUpload: (p: UploadProgress) => void, onLine: (line: T) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let seen = 0;
    let last: T | undefined;
    const drain = () => {
      const text = xhr.responseText;
      let nl: number;
      while ((nl = text.indexOf('\n', seen)) >= 0) {
        const raw = text.slice(seen, nl).trim();
        seen = nl + 1;
        if (!raw) continue;
        try { last = JSON.parse(raw) as T; onLine(last); } catch { /* a partial line: wait */ }
      }
    };
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onUpload({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onprogress = drain;
    xhr.onerror = () => reject(new ApiError(0, 'Network error', 'the request did not reach the server', [], path));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        drain();
        const rest = xhr.responseText.slice(seen).trim();
        if (rest) { try { last = JSON.parse(rest) as T; onLine(last); } catch { /* ignore */ } }
        return last === undefined ? reject(new ApiError(xhr.status, 'Empty answer', undefined, [], path)) : resolve(last);
      }
      let p: { title?: string; detail?: string; errors?: ProblemField[] } = {};
      try { p = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      reject(new ApiError(xhr.status, p.title ?? xhr.statusText, p.detail, Array.isArray(p.errors) ? p.errors : [], path));
    };
    xhr.send(form);
  });
}

/** Multipart upload with progress (fetch has no upload progress): XMLHttpRequest. */
export function upload<T>(path: string, form: FormData, onProgress?: (p: UploadProgress) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onerror = () => reject(new ApiError(0, 'Network error', 'the upload did not reach the server', [], path));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const p = (body ?? {}) as { title?: string; detail?: string; errors?: ProblemField[] };
      reject(new ApiError(xhr.status, p.title ?? xhr.statusText, p.detail, Array.isArray(p.errors) ? p.errors : [], path));
    };
    xhr.send(form);
  });
}
