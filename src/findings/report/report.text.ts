/** Words shared by the report builders: methods, definitions and the note of a finding. */
import type { SourceSupport } from '../../analysis';
import type { FindingMethod } from '../finding.schema';
import { fmtInt, fmtLevel, labelOf, type Audience, type FindingValue } from '../finding.value';

export const words = (code: string): string => code.replace(/_/g, ' ');

export const DIMENSION_WORDS: Record<string, string> = {
  facility: 'first known place of detention', region: 'region of the first known place of detention', period: 'year',
  status: 'current status', source: 'source', type: 'allegation type', category: 'allegation category',
};

export function methodText(m: FindingMethod, v: FindingValue | null): string {
  switch (m.name) {
    case 'count':
      return v?.kind === 'count' && v.unit === 'allegations' ? 'a count of allegations' : 'a count of distinct persons (each cluster of linked records once)';
    case 'proportion':
      return `a proportion with its ${fmtLevel(m.level)} ${m.interval === 'wilson' ? 'Wilson score' : 'Clopper–Pearson exact'} interval (quoted; the ${m.interval === 'wilson' ? 'Clopper–Pearson' : 'Wilson'} interval is stored as well)`;
    case 'mse': {
      const model = v?.kind === 'mse' ? v.model : m.model;
      if (v?.kind === 'mse' && v.N === null) return `multiple systems estimation with log-linear models (${m.model}); no model could be estimated from these lists`;
      return `multiple systems estimation with a log-linear model (${model}, chosen by ${m.model === 'best-bic' ? 'lowest BIC' : m.model === 'best-aic' ? 'lowest AIC' : 'the analyst'}) and a ${fmtLevel(m.level)} ${m.ci === 'profile' ? 'profile-likelihood' : 'Chao log-transform'} interval`;
    }
    case 'group-count':
      return 'counts per group';
  }
}

export function definitionText(v: FindingValue, audience: Audience): string {
  switch (v.kind) {
    case 'count':
      return `Counts ${v.description}.`;
    case 'rate':
      return `Numerator: ${v.numeratorText}. Denominator: ${v.denominatorText} (${fmtInt(v.total.denominatorCount)}).`;
    case 'mse':
      return `Counts ${v.description}. Lists: ${v.lists.map((l) => labelOf({ label: l.title, public: l.published && l.sensitivity === 'public' }, audience)).join('; ')}.`;
    case 'list':
      return `Counts ${v.description}, by ${DIMENSION_WORDS[v.by] ?? v.by}.${v.note ? ` ${v.note}` : ''}`;
  }
}

export function supportText(s: SourceSupport | null): string {
  if (!s) return 'Sources: not computed.';
  const rel = Object.entries(s.byReliability).sort().map(([k, n]) => `${k} ${n}`).join(', ');
  return `Sources: ${s.total} source${s.total === 1 ? '' : 's'} from ${s.origins} independent origin${s.origins === 1 ? '' : 's'}; ${s.testimonies} testimon${s.testimonies === 1 ? 'y' : 'ies'}; ${s.witnesses} registered witness${s.witnesses === 1 ? '' : 'es'}; reliability ${rel || 'n/a'}.`;
}

export const day = (iso: string | null): string => (iso ? String(iso).slice(0, 10) : 'not yet');
