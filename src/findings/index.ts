/**
 * Public face of the findings room: named, versioned statements with computed figures (findings)
 * and the reports built from them (briefing, facility report) in HTML, PDF and Markdown.
 */
export {
  findingInput, findingUpdate, findingListQuery, findingQuery, findingMethod, findingRefParam, finding, recomputation,
  FINDING_KINDS, FINDING_STATUSES, PLACEHOLDERS, DEFAULT_STATEMENT, parseStoredMethod,
  type Finding, type FindingInput, type FindingUpdate, type FindingQuery, type FindingMethod, type FindingKind, type Recomputation,
} from './finding.schema';
export {
  fmtInt, fmtPct, fmtLevel, renderStatement, placeholderTexts, figureTexts, valueDifferences, statementIssues, labelOf,
  type FindingValue, type CountValue, type RateValue, type MseValue, type ListValue, type Audience,
} from './finding.value';
export { FindingService, authActor } from './finding.service';
export { computeFinding, type Computed } from './finding.compute';
export {
  ReportService, briefingRequest, facilityReportRequest, REPORT_FORMATS,
  type ReportFormat, type ReportOutput, type BriefingRequest, type FacilityReportRequest,
} from './report.service';
export { renderHtml, reportCsp, REPORT_CSS } from './report/render.html';
export { renderMarkdown } from './report/render.md';
export { renderPdf, PdfUnavailableError } from './report/render.pdf';
export type { ReportDoc, Section, Block, Run, Note } from './report/report.model';
