/**
 * Public face of the statistics room: pure functions, no I/O.
 * Rates with Wilson and Clopper–Pearson intervals; multiple systems estimation (log-linear
 * capture–recapture as in Rcapture) with model search, intervals, warnings and a sentence.
 */
export type { CountsRow, CountsTable, Heterogeneity, LoglinearModel, SelectionCriterion } from './mse.types';
export { proportionRate, wilsonInterval, clopperPearsonInterval } from './proportion.rate';
export type { Interval, ProportionInput, ProportionRate } from './proportion.rate';
export { stratifiedRates } from './stratified.rate';
export type { StratifiedRates, StratifiedRatesInput, StratumCounts, StratumRate } from './stratified.rate';
export { regularizedBeta, inverseRegularizedBeta } from './beta.math';
export { logGamma, chiSquareUpperTail } from './gamma.math';
export { normalQuantile, chiSquare1Quantile } from './normal.math';
export { parseCountsCsv, CountsCsvError } from './counts.parse';
export { parseModel, formatModel, independenceModel, modelFromGenerators } from './model.notation';
export { hierarchicalModels, candidateModels } from './model.enumerate';
export { fitLoglinear } from './loglinear.fit';
export type { FitOptions, LoglinearFit, Coefficient } from './loglinear.fit';
export { profileInterval, profileLogLikelihood } from './profile.interval';
export type { ProfileInterval, ProfileOptions } from './profile.interval';
export { chaoLowerBound, chaoLogInterval } from './chao.estimate';
export type { ChaoLowerBound } from './chao.estimate';
export { selectModel, rankModels, averageModels } from './model.select';
export type { ModelAverage, ModelWeight } from './model.select';
export { runMse } from './mse.run';
export type { MseIntervalMethod, MseModelChoice, MseModelSummary, MseOptions, MseResult } from './mse.run';
export { mseSentence } from './mse.sentence';
export { svgPlot } from './mse.svg';
export type { SvgOptions } from './mse.svg';
