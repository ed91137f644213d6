import { api, type Query } from './client';
import type {
  Allegation, AllegationInput, AllegationType, CustodyEpisode, Dossier, Facility, Health, Page, PersonDetail,
  PersonRecord, PersonRecordInput, PersonSummary, Source, SourceInput, TimelineEvent, WorkspaceStatus,
} from './types';

const V1 = '/api/v1';

export const registry = {
  health: (signal?: AbortSignal) => api.get<Health>('/api/health', undefined, signal),
  status: (signal?: AbortSignal) => api.get<WorkspaceStatus>(`${V1}/status`, undefined, signal),

  persons: (q: Query, signal?: AbortSignal) => api.get<Page<PersonSummary>>(`${V1}/persons`, q, signal),
  person: (id: string, signal?: AbortSignal) => api.get<PersonDetail>(`${V1}/persons/${id}`, undefined, signal),
  timeline: (id: string, signal?: AbortSignal) => api.get<{ personId: string; events: TimelineEvent[] }>(`${V1}/persons/${id}/timeline`, undefined, signal),
  addRecord: (input: PersonRecordInput) => api.post<PersonRecord>(`${V1}/person-records`, input),

  sources: (q: Query, signal?: AbortSignal) => api.get<Page<Source>>(`${V1}/sources`, q, signal),
  source: (id: string, signal?: AbortSignal) => api.get<Source>(`${V1}/sources/${id}`, undefined, signal),
  createSource: (input: SourceInput) => api.post<Source>(`${V1}/sources`, input),

  facilities: (q: Query, signal?: AbortSignal) => api.get<Page<Facility>>(`${V1}/facilities`, q, signal),
  facility: (id: string, signal?: AbortSignal) => api.get<Facility>(`${V1}/facilities/${id}`, undefined, signal),
  dossier: (id: string, signal?: AbortSignal) => api.get<Dossier>(`${V1}/facilities/${id}/dossier`, undefined, signal),

  custody: (q: Query, signal?: AbortSignal) => api.get<Page<CustodyEpisode>>(`${V1}/custody-episodes`, q, signal),
  createCustody: (input: { personRecordId: string; facilityId: string; sourceId: string; from?: string | null; to?: string | null; notes?: string | null; sensitivity?: string }) =>
    api.post<CustodyEpisode>(`${V1}/custody-episodes`, input),

  allegations: (q: Query, signal?: AbortSignal) => api.get<Page<Allegation>>(`${V1}/allegations`, q, signal),
  allegationTypes: (signal?: AbortSignal) => api.get<Page<AllegationType>>(`${V1}/allegation-types`, undefined, signal),
  createAllegation: (input: AllegationInput) => api.post<Allegation>(`${V1}/allegations`, input),
};

/** The total of a list query (one row fetched). */
export async function countOf(path: 'persons' | 'allegations' | 'facilities' | 'sources', q: Query, signal?: AbortSignal): Promise<number> {
  const r = await api.get<Page<unknown>>(`${V1}/${path}`, { ...q, limit: 1 }, signal);
  return r.total;
}
