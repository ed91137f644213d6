import { api, withQuery, type Query } from './client';
import type {
  Allegation, AllegationType, CustodyEpisode, Dossier, Facility, Health, Page, PersonDetail,
  PersonSummary, Source, TimelineEvent, WorkspaceStatus,
} from './types';

const V1 = '/api/v1';

export const registry = {
  health: (signal?: AbortSignal) => api.get<Health>('/api/health', undefined, signal),
  status: (signal?: AbortSignal) => api.get<WorkspaceStatus>(`${V1}/status`, undefined, signal),

  persons: (q: Query, signal?: AbortSignal) => api.get<Page<PersonSummary>>(`${V1}/persons`, q, signal),
  person: (id: string, signal?: AbortSignal) => api.get<PersonDetail>(`${V1}/persons/${id}`, undefined, signal),
  timeline: (id: string, signal?: AbortSignal) => api.get<{ personId: string; events: TimelineEvent[] }>(`${V1}/persons/${id}/timeline`, undefined, signal),

  sources: (q: Query, signal?: AbortSignal) => api.get<Page<Source>>(`${V1}/sources`, q, signal),
  source: (id: string, signal?: AbortSignal) => api.get<Source>(`${V1}/sources/${id}`, undefined, signal),

  facilities: (q: Query, signal?: AbortSignal) => api.get<Page<Facility>>(`${V1}/facilities`, q, signal),
  facility: (id: string, signal?: AbortSignal) => api.get<Facility>(`${V1}/facilities/${id}`, undefined, signal),
  dossier: (id: string, signal?: AbortSignal) => api.get<Dossier>(`${V1}/facilities/${id}/dossier`, undefined, signal),

  custody: (q: Query, signal?: AbortSignal) => api.get<Page<CustodyEpisode>>(`${V1}/custody-episodes`, q, signal),

  allegations: (q: Query, signal?: AbortSignal) => api.get<Page<Allegation>>(`${V1}/allegations`, q, signal),
  allegationTypes: (signal?: AbortSignal) => api.get<Page<AllegationType>>(`${V1}/allegation-types`, undefined, signal),
};

/** A response prefetch.ts started before the bundle arrived (taken once). */
function takePrefetched(url: string): Promise<Response> | undefined {
  const w = window as unknown as { __vigilPrefetch?: Record<string, Promise<Response>> };
  const p = w.__vigilPrefetch?.[url];
  if (p) delete w.__vigilPrefetch![url];
  return p;
}

/** A count from a list's total; `estimated` when the server only estimates it (beyond 1,000 persons). */
export interface Count { n: number; estimated: boolean }

export async function countExact(path: 'persons' | 'allegations' | 'facilities' | 'sources', q: Query, signal?: AbortSignal): Promise<Count> {
  const url = withQuery(`${V1}/${path}`, { ...q, limit: 1 });
  const pre = takePrefetched(url);
  let page: Page<unknown> | null = null;
  if (pre) {
    const res = await pre.catch(() => null);
    if (res?.ok) page = (await res.json()) as Page<unknown>;
  }
  page ??= await api.get<Page<unknown>>(url, undefined, signal);
  return { n: page.total, estimated: page.estimated === true };
}

/** The total of a list query (one row fetched); an estimate when the server says so. */
export async function countOf(path: 'persons' | 'allegations' | 'facilities' | 'sources', q: Query, signal?: AbortSignal): Promise<number> {
  return (await countExact(path, q, signal)).n;
}
