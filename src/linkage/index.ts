/**
 * Public API of the record-linkage room: name keys and transliteration, the pure linkage engine
 * (block → compare → EM → score → cluster → review), incremental linkage, CSV linkage for the CLI,
 * the synthetic data generator and evaluation helpers.
 */
export * from './names';
export { jaro, jaroWinkler, levenshtein, damerau, editDistance, levenshteinSimilarity, phoneticKey } from './strings';
export { fieldValue, splitFullName, parseBirthDate, normalizeRank, normalizeUnit, normalizeSex, RANK_CODES, type LinkRecord, type NameParts, type BirthDate, type BirthDateResult, type UnitKey } from './record';
export { DEFAULT_COMPARISONS, compileComparison } from './compare/comparators';
export type { ComparisonSpec, Comparator } from './compare/comparison.types';
export { DEFAULT_BLOCKING_RULES, BLOCK_TRANSFORMS, parseBlockingRule, type BlockingRule, type BlockingRuleInput, type BlockPart, type BlockTransform } from './block/blocking-rules';
export type { BlockingStats } from './block/candidates';
export { expectationMaximisation, initialM, type EmOptions, type EmResult, type FsParams } from './model/em';
export { probabilityOfWeight, weightOfProbability, type TrainedModel, type PairExplanation, type ExplanationTerm } from './model/model.types';
export { ModelMismatchError } from './model/score';
export { DEFAULT_GUARD, type ClusterGuard, type ClusterStats } from './cluster/cluster';
export { linkRecords } from './link';
export { linkIncremental, type ExistingClusters, type IncrementalResult } from './incremental';
export type { LinkOptions, LinkResult, LinkReport, ReviewDecision, ReviewCandidate, ScoredPairs, BlockingRecallEstimate } from './link.types';
export { linkCsv, linkCsvFile, readLinkRecords, LinkCsvError, type LinkCsvOptions, type LinkCsvResult, type LinkCsvFileArgs } from './link-csv';
export { generateSynthetic, type SyntheticOptions, type SyntheticRecord } from './synthetic';
export { pairwiseMetrics, type PairwiseMetrics } from './evaluation/metrics';
export { parseFebrl, FEBRL_COMPARISONS, FEBRL_BLOCKING, type FebrlRecord } from './evaluation/febrl';
