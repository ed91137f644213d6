/**
 * Stratified rates: one proportion per stratum plus the pooled total, all sharing the
 * caller's denominator description.
 */
import { proportionRate, type ProportionRate } from './proportion.rate';

export interface StratumCounts {
  stratum: string;
  numerator: number;
  denominatorCount: number;
}

export interface StratifiedRatesInput {
  strata: readonly StratumCounts[];
  /** what the denominator is, e.g. "prisoners held in the facility during 2023" */
  denominator: string;
  level?: number;
}

export type StratumRate = ProportionRate & { stratum: string };

export interface StratifiedRates {
  denominator: string;
  level: number;
  strata: StratumRate[];
  /** pooled over all strata (crude, not standardised) */
  total: ProportionRate;
}

export function stratifiedRates(input: StratifiedRatesInput): StratifiedRates {
  const level = input.level ?? 0.95;
  if (input.strata.length === 0) throw new RangeError('stratifiedRates needs at least one stratum');
  const seen = new Set<string>();
  const strata = input.strata.map((s) => {
    if (seen.has(s.stratum)) throw new RangeError(`stratum "${s.stratum}" appears twice`);
    seen.add(s.stratum);
    try {
      const rate = proportionRate({ numerator: s.numerator, denominatorCount: s.denominatorCount, denominator: input.denominator, level });
      return { stratum: s.stratum, ...rate };
    } catch (error) {
      throw new RangeError(`stratum "${s.stratum}": ${(error as Error).message}`);
    }
  });
  const numerator = strata.reduce((sum, s) => sum + s.numerator, 0);
  const denominatorCount = strata.reduce((sum, s) => sum + s.denominatorCount, 0);
  const total = proportionRate({ numerator, denominatorCount, denominator: input.denominator, level });
  return { denominator: input.denominator, level, strata, total };
}
