/**
 * A proportion with Wilson score and Clopper–Pearson (exact) confidence intervals.
 * Every result carries the caller's description of the denominator and echoes the counts,
 * so a figure can never travel without saying what it is a proportion of.
 */
import { inverseRegularizedBeta } from './beta.math';
import { assertLevel, twoSidedZ } from './normal.math';

export interface Interval {
  lower: number;
  upper: number;
}

export interface ProportionRate {
  /** how many of the denominator have the property */
  numerator: number;
  /** size of the denominator */
  denominatorCount: number;
  /** what the denominator is, in the caller's words, e.g. "detainees with a known release date" */
  denominator: string;
  /** numerator / denominatorCount, or null when the denominator is empty */
  proportion: number | null;
  /** confidence level of both intervals, e.g. 0.95 */
  level: number;
  wilson: Interval;
  clopperPearson: Interval;
}

export interface ProportionInput {
  numerator: number;
  denominatorCount: number;
  denominator: string;
  /** confidence level, default 0.95 */
  level?: number;
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** Wilson score interval for x successes out of n. */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
  if (n === 0) return { lower: 0, upper: 1 };
  const z = twoSidedZ(level);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // exact endpoints at the edges (the formula gives them up to rounding)
  const lower = x === 0 ? 0 : Math.max(0, centre - half);
  const upper = x === n ? 1 : Math.min(1, centre + half);
  return { lower, upper };
}

/** Clopper–Pearson interval: Beta quantiles, with the exact edges 0 and 1. */
export function clopperPearsonInterval(x: number, n: number, level = 0.95): Interval {
  if (n === 0) return { lower: 0, upper: 1 };
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : inverseRegularizedBeta(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : inverseRegularizedBeta(1 - alpha / 2, x + 1, n - x);
  return { lower, upper };
}

/** A proportion with both intervals and its denominator description. */
export function proportionRate(input: ProportionInput): ProportionRate {
  const level = input.level ?? 0.95;
  assertLevel(level);
  assertCount(input.numerator, 'numerator');
  assertCount(input.denominatorCount, 'denominatorCount');
  if (input.numerator > input.denominatorCount) {
    throw new RangeError(`numerator (${input.numerator}) cannot exceed denominatorCount (${input.denominatorCount})`);
  }
  if (typeof input.denominator !== 'string' || input.denominator.trim() === '') {
    throw new TypeError('denominator must describe what is being counted (a non-empty string)');
  }
  const { numerator, denominatorCount } = input;
  return {
    numerator,
    denominatorCount,
    denominator: input.denominator,
    proportion: denominatorCount === 0 ? null : numerator / denominatorCount,
    level,
    wilson: wilsonInterval(numerator, denominatorCount, level),
    clopperPearson: clopperPearsonInterval(numerator, denominatorCount, level),
  };
}
