/**
 * Public face of the analysis room: statistics over the workspace (counts, breakdowns, rates with
 * intervals, multiple systems estimation with sources as lists). The mathematics stays in `stats`.
 */
export {
  registryFilter, countQuery, rateQuery, groupQuery, mseCountsRequest, mseListsRequest, countsTableInput,
  unit, dimension, periodField, UNITS, DIMENSIONS,
  type RegistryFilter, type CountQuery, type RateQuery, type GroupQuery, type MseListsRequest, type Unit, type Dimension, type PeriodField,
} from './registry-filter.schema';
export { describeFilter, type DescribeLabels } from './describe';
export {
  StatisticsService, runMseChecked, maskStrata, periodNote,
  type CountResult, type GroupResult, type RatesResult, type RateStratum, type Stratum, type MseListsResult, type MseStratum,
  type ListSource, type SourceItem, type SourceSupport, type DataState,
} from './statistics.service';
