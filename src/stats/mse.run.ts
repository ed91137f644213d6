/**
 * runMse: the one call behind the CLI and reports. Fits the candidate log-linear models,
 * picks one (best BIC, best AIC, independence, or a named bracket model), gives its interval
 * (profile likelihood or Chao's log-transform), warnings in plain words and a sentence.
 * The returned JSON shape is a CLI contract: change it only with the CLI.
 */
import { chaoLogInterval } from './chao.estimate';
import { cellCounts } from './counts.table';
import { fitCells, type LoglinearFit } from './loglinear.fit';
import { candidateModels } from './model.enumerate';
import { formatModel, independenceModel, parseModel } from './model.notation';
import { criterionOf, rankModels } from './model.select';
import { competingModelsWarning, heterogeneityWarning, modelWarnings, tableWarnings } from './mse.warnings';
import { mseSentence } from './mse.sentence';
import { profileInterval } from './profile.interval';
import { assertLevel } from './normal.math';
import type { CountsTable, SelectionCriterion } from './mse.types';

export type MseModelChoice = 'best-bic' | 'best-aic' | 'independence' | (string & {});
export type MseIntervalMethod = 'profile' | 'chao';

export interface MseOptions {
  table: CountsTable;
  /** default 'best-bic' */
  model?: MseModelChoice;
  /** default 'profile' */
  ci?: MseIntervalMethod;
  /** confidence level, default 0.95 */
  level?: number;
}

export interface MseModelSummary {
  model: string;
  N: number | null;
  se: number | null;
  deviance: number | null;
  df: number;
  aic: number | null;
  bic: number | null;
  warnings: string[];
}

export interface MseResult {
  n: number;
  lists: string[];
  model: string;
  N: number | null;
  se: number | null;
  ci: [number | null, number | null];
  deviance: number | null;
  df: number;
  aic: number | null;
  bic: number | null;
  models: MseModelSummary[];
  warnings: string[];
  sentence: string;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function summarise(fit: LoglinearFit, extra: string[]): MseModelSummary {
  return {
    model: fit.model,
    N: fit.N,
    se: fit.se,
    deviance: finiteOrNull(fit.deviance),
    df: fit.df,
    aic: finiteOrNull(fit.aic),
    bic: finiteOrNull(fit.bic),
    warnings: [...fit.warnings, ...extra],
  };
}

export function runMse(options: MseOptions): MseResult {
  const choice = options.model ?? 'best-bic';
  const method = options.ci ?? 'profile';
  const level = options.level ?? 0.95;
  assertLevel(level);
  if (method !== 'profile' && method !== 'chao') throw new RangeError(`ci must be 'profile' or 'chao', got "${String(method)}"`);
  const cells = cellCounts(options.table);
  const criterion: SelectionCriterion = choice === 'best-aic' ? 'aic' : 'bic';
  const fits = candidateModels(cells.k).map((spec) => fitCells(cells, spec));
  let chosen: LoglinearFit | null;
  let requested = '';
  if (choice === 'best-bic' || choice === 'best-aic') {
    chosen = rankModels(fits, criterion)[0] ?? null;
  } else {
    const spec = choice === 'independence' ? independenceModel(cells.k) : parseModel(choice, cells.k);
    requested = formatModel(spec);
    chosen = fits.find((f) => f.model === requested) ?? null;
    if (!chosen) {
      chosen = fitCells(cells, spec);
      fits.push(chosen);
    }
  }
  const modelNotes = new Map(fits.map((f) => [f, modelWarnings(f)]));
  const ranked = rankModels(fits, criterion);
  const ordered = [...ranked, ...fits.filter((f) => !ranked.includes(f))];
  const models = ordered.map((f) => summarise(f, modelNotes.get(f) ?? []));

  const warnings = [...(options.table.notes ?? []), ...tableWarnings(cells)];
  const flaggedCount = fits.filter((f) => f.flagged).length;
  if (flaggedCount > 0) {
    warnings.push(`${flaggedCount} of ${fits.length} candidate models could not be estimated from this table (flagged) and give no figure.`);
  }
  if (!chosen) {
    return {
      n: cells.n, lists: cells.lists, model: requested || `${choice} (none)`, N: null, se: null, ci: [null, null],
      deviance: null, df: 0, aic: null, bic: null, models, warnings,
      sentence: mseSentence({ n: cells.n, N: null, ci: [null, null], level, model: '', reason: 'None of the candidate models could be estimated from this table.' }),
    };
  }
  let ci: [number | null, number | null] = [null, null];
  if (!chosen.flagged && chosen.N !== null && chosen.se !== null) {
    if (method === 'profile') {
      const interval = profileInterval(chosen, { level });
      ci = [interval.lower, interval.upper];
      if (interval.upper === null) {
        warnings.push(`The upper limit of the interval lies beyond ${Math.round(interval.searchedUpTo)} (three times the estimate): the data cannot rule out much larger numbers.`);
      }
    } else {
      ci = chaoLogInterval(cells.n, chosen.N, chosen.se, level);
    }
    warnings.push(...(modelNotes.get(chosen) ?? []));
    const heterogeneity = heterogeneityWarning(cells, chosen, level);
    if (heterogeneity) warnings.push(heterogeneity);
    if (choice === 'best-bic' || choice === 'best-aic') {
      const competing = competingModelsWarning(ranked, (f) => criterionOf(f, criterion), criterion.toUpperCase());
      if (competing) warnings.push(competing);
    }
  } else {
    warnings.push(...chosen.warnings);
  }
  return {
    n: cells.n,
    lists: cells.lists,
    model: chosen.model,
    N: chosen.N,
    se: chosen.se,
    ci,
    deviance: finiteOrNull(chosen.deviance),
    df: chosen.df,
    aic: finiteOrNull(chosen.aic),
    bic: finiteOrNull(chosen.bic),
    models,
    warnings,
    sentence: mseSentence({ n: cells.n, N: chosen.N, ci, level, model: chosen.model, reason: chosen.warnings[0] }),
  };
}
