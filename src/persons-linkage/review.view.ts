/** How a review pair is stored (explanation jsonb) and shown (both records side by side, the weights). */
import type { PairExplanation } from '../linkage';
import { readableSensitivities } from '../registry';
import type { Actor } from '../domain';
import type { PairRow } from './linkage.repository';
import type { ReviewPair, ReviewRecord } from './linkage.schema';

export interface StoredTerm { comparison: string; level: string | null; weight: number; tfAdjustment: number; m: number | null; u: number | null }
export interface StoredExplanation { prior: number; total: number; probability: number; terms: StoredTerm[]; reason?: string; sameCluster?: boolean }

const round = (x: number, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : 0);

/** The engine's explanation as stored in link_pairs.explanation (symmetric: the order of the records does not matter). */
export function explanationOf(e: PairExplanation): StoredExplanation {
  return {
    prior: round(e.prior), total: round(e.total), probability: round(e.probability, 6),
    terms: e.terms.map((t) => ({
      comparison: t.comparison, level: t.level, weight: round(t.weight), tfAdjustment: round(t.tfAdjustment),
      m: t.m === undefined ? null : round(t.m, 6), u: t.u === undefined ? null : round(t.u, 6),
    })),
  };
}

type RecordWithSource = {
  r: {
    id: string; personId: string; sourceId: string; familyName: string | null; givenName: string | null; patronymic: string | null; fullName: string | null;
    birth: string | null; birthPlace: string | null; sex: string; citizenship: string | null; unit: string | null; rank: string | null;
    serviceNumber: string | null; status: string; statusDate: string | null; sensitivity: string;
  };
  sourceTitle: string; sourceSensitivity: string;
};

export function toReviewRecord(x: RecordWithSource, actor: Actor): ReviewRecord {
  const r = x.r;
  return {
    id: r.id, personId: r.personId, sourceId: r.sourceId,
    // A source's title only to those who may read the source (a restricted testimony's title may name its witness).
    sourceTitle: readableSensitivities(actor).includes(x.sourceSensitivity) ? x.sourceTitle : null,
    familyName: r.familyName, givenName: r.givenName, patronymic: r.patronymic, fullName: r.fullName, birth: r.birth, birthPlace: r.birthPlace,
    sex: r.sex === 'unknown' ? null : r.sex, citizenship: r.citizenship, unit: r.unit, rank: r.rank, serviceNumber: r.serviceNumber,
    status: r.status, statusDate: r.statusDate,
  };
}

export function toReviewPair(p: PairRow, a: ReviewRecord, b: ReviewRecord): ReviewPair {
  const e = (p.explanation ?? {}) as Partial<StoredExplanation>;
  return {
    id: p.id, runId: p.runId, status: p.status, probability: p.probability, weight: p.weight,
    prior: e.prior ?? 0, reason: e.reason ?? 'uncertain', sameCluster: e.sameCluster ?? false, samePerson: a.personId === b.personId,
    recordA: a, recordB: b,
    explanation: (e.terms ?? []).map((t) => ({
      comparison: t.comparison, level: t.level, weight: round(t.weight + t.tfAdjustment), levelWeight: t.weight, tfAdjustment: t.tfAdjustment, m: t.m, u: t.u,
    })),
  };
}
