/** Types of the API, taken from the server's schemas (types only: nothing from src/ reaches the bundle). */
export type { PersonSummary, PersonDetail, PersonRecord } from '../../../src/registry/person.schema';
export type { Source } from '../../../src/registry/source.schema';
export type { Facility, Dossier } from '../../../src/registry/facility.schema';
export type { Allegation } from '../../../src/registry/allegation.schema';
export type { CustodyEpisode } from '../../../src/registry/custody.schema';
export type { TimelineEvent } from '../../../src/registry/person.timeline';

/** `estimated`: the server counted exactly up to 1,000 and gives its planner's estimate beyond. */
export interface Page<T> { items: T[]; total: number; estimated?: boolean }

export interface AllegationType { code: string; category: string; labelEn: string; labelUk: string }

export interface Health {
  status: 'ok';
  database: { kind: string; description: string };
  workspace: { kind: 'demo' | 'real' };
  version: string;
}

export interface WorkspaceStatus {
  workspace: { id: string; kind: string; created: string };
  counts: Record<string, number>;
  log: { size: number; checkpoints: number };
  dataVersion: number;
}

export const PERSON_STATUSES = ['missing', 'captured', 'seen_in_custody', 'released', 'died_in_custody', 'executed', 'unknown'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export const SOURCE_KINDS = ['testimony', 'list', 'media', 'article', 'official_statement', 'social_media_post', 'document'] as const;
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const PERPETRATOR_KINDS = ['unit', 'call_sign', 'individual', 'authority', 'unknown'] as const;
export type PerpetratorKind = (typeof PERPETRATOR_KINDS)[number];
