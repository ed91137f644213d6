/**
 * The briefing: a title, three to seven one-sentence highlights, sections of findings with tables
 * and charts, a methods note, the sources, and notes. Every number in the highlights and sections
 * is a figure of a finding and carries the note naming that finding's id and version.
 */
import type { SourceSupport } from '../../analysis';
import { svgPlot, type MseResult } from '../../stats';
import type { FindingMethod } from '../finding.schema';
import { fmtInt, fmtLevel, fmtPct, isPublicList, labelOf, maskListNames, rateInterval, renderStatement, type Audience, type FindingValue } from '../finding.value';
import { barChart } from './charts.svg';
import { NoteBook, fig, para, text, type Block, type ReportDoc, type Section } from './report.model';
import { DIMENSION_WORDS, day, definitionText, methodText, supportText } from './report.text';

export interface BriefingFinding {
  id: string; slug: string; version: number; title: string; statement: string; kind: string; status: string;
  value: FindingValue; method: FindingMethod; sources: SourceSupport | null;
  dataVersion: number | null; checkpointSize: number | null; computedAt: string | null; publishedAt: string | null;
}

export interface BriefingBuild {
  title: string;
  subtitle?: string;
  audience: Audience;
  findings: BriefingFinding[];
  /** ids of the findings to highlight, in order (3 to 7) */
  highlights: string[];
  sections: { heading: string; intro?: string; findings: string[] }[];
  banners: string[];
  generatedAt: string;
  /** sources behind all the findings together */
  allSources: SourceSupport;
}

const KIND_SECTIONS: [string, string][] = [
  ['count', 'What the registry records'], ['rate', 'Shares'], ['mse', 'Estimates of the total'], ['list', 'Breakdowns'],
];

export function defaultSections(findings: BriefingFinding[]): { heading: string; findings: string[] }[] {
  return KIND_SECTIONS.map(([kind, heading]) => ({ heading, findings: findings.filter((f) => f.kind === kind).map((f) => f.id) }))
    .filter((s) => s.findings.length > 0);
}

function noteText(f: BriefingFinding, audience: Audience): string {
  const state = f.status === 'published' ? `Published ${day(f.publishedAt)}.` : `Status: ${f.status} (not published).`;
  return `Finding ${f.slug}@${f.version} (id ${f.id}), “${f.title}”. ${definitionText(f.value, audience)} Method: ${methodText(f.method, f.value)}. `
    + `Computed ${day(f.computedAt)} at data version ${f.dataVersion ?? '?'}, evidence log size ${f.checkpointSize ?? '?'}. ${state} ${supportText(f.sources)}`;
}

function findingBlocks(f: BriefingFinding, note: number, audience: Audience): Block[] {
  const v = f.value;
  const blocks: Block[] = [{ type: 'subheading', text: f.title }, para(fig(renderStatement(f.statement, v, audience), note))];
  if (v.kind === 'rate' && v.strata && v.strata.items.length) {
    const by = DIMENSION_WORDS[v.strata.by] ?? v.strata.by;
    blocks.push({
      type: 'table', caption: `By ${by}`, header: [by[0].toUpperCase() + by.slice(1), 'Numerator', 'Denominator', 'Share', `Interval (${v.interval === 'wilson' ? 'Wilson' : 'Clopper–Pearson'})`],
      align: ['left', 'right', 'right', 'right', 'right'],
      rows: v.strata.items.map((s) => {
        const iv = rateInterval(v, s);
        return { cells: [labelOf(s, audience), fmtInt(s.numerator), fmtInt(s.denominatorCount), s.proportion === null ? '—' : fmtPct(s.proportion), `${fmtPct(iv.lower)} – ${fmtPct(iv.upper)}`], note };
      }),
    });
    blocks.push({
      type: 'chart', caption: `Share by ${by}, with intervals.`,
      svg: barChart({
        title: `${f.title}: share by ${by}`, format: fmtPct, max: 1,
        items: v.strata.items.filter((s) => s.proportion !== null).map((s) => ({ label: labelOf(s, audience), value: s.proportion!, lower: rateInterval(v, s).lower, upper: rateInterval(v, s).upper })),
      }),
    });
    if (v.strata.note) blocks.push(para(text(v.strata.note)));
  }
  if (v.kind === 'mse') {
    if (v.models.length && v.N !== null) {
      const result = { ...v, lists: v.lists.map((l) => l.title) } as unknown as MseResult;
      blocks.push({ type: 'chart', caption: 'Estimated total by model: the chosen model and the best alternatives, with intervals; the dashed line marks the people recorded.', svg: svgPlot(result, { level: v.level, top: 8, title: f.title }) });
    }
    if (v.strata) {
      blocks.push({
        type: 'table', caption: `By ${v.strata.by === 'region' ? 'region of the first known place of detention' : 'year'}, estimated separately`,
        header: ['Stratum', 'Recorded', 'Estimate', 'Interval'], align: ['left', 'right', 'right', 'right'],
        rows: v.strata.items.map((s) => ({
          cells: [s.label, fmtInt(s.n), s.N === null ? 'no estimate' : fmtInt(s.N), s.N === null ? '—' : `${s.ci[0] === null ? '—' : fmtInt(s.ci[0])} – ${s.ci[1] === null ? 'unbounded' : fmtInt(s.ci[1])}`],
          note,
        })),
      });
    }
  }
  if (v.kind === 'list' && v.items.length) {
    const by = DIMENSION_WORDS[v.by] ?? v.by;
    blocks.push({
      type: 'table', caption: `By ${by}`, header: [by[0].toUpperCase() + by.slice(1), v.unit === 'allegations' ? 'Allegations' : 'Persons'], align: ['left', 'right'],
      rows: v.items.map((i) => ({ cells: [labelOf(i, audience), fmtInt(i.count)], note })),
    });
    blocks.push({ type: 'chart', caption: `${v.unit === 'allegations' ? 'Allegations' : 'Persons'} by ${by}.`, svg: barChart({ title: `${f.title}`, format: fmtInt, items: v.items.map((i) => ({ label: labelOf(i, audience), value: i.count })) }) });
    if (v.note) blocks.push(para(text(v.note)));
  }
  return blocks;
}

function methodsSection(findings: BriefingFinding[]): Section {
  const kinds = new Set(findings.map((f) => f.kind));
  const blocks: Block[] = [para(text(
    'Each figure is a finding: a named, versioned statement computed from the registry by a stated query and method, and stored with the data version (the number of the last change recorded in the audit trail) and the size of the tamper-evident evidence log at the time. The note after each figure names the finding; recomputing it on the same data gives the same figure, and a published finding is never changed, only superseded by a newer version.',
  )), para(text('Persons are counted once each: records from different sources that describe the same person are linked into one person before counting. Counts include records that are not published; a public report shows only counts and published material, never names of persons, identities of witnesses or restricted details.'))];
  if (kinds.has('rate')) blocks.push(para(text('Shares give the numerator and the denominator, defined in words in the notes, with a Wilson score interval (Wilson, 1927) and the exact Clopper–Pearson interval (Clopper and Pearson, 1934). Strata by place of detention count each person once, under the first known place.')));
  if (kinds.has('mse')) blocks.push(para(text('Estimates of the total use multiple systems estimation (capture–recapture): each source is a list, and the overlaps between lists show how many people no list recorded. Log-linear models (Fienberg, 1972; Bishop, Fienberg and Holland, 1975) are fitted as in the R package Rcapture (Baillargeon and Rivest, 2007), chosen by the Bayesian information criterion unless stated, with profile-likelihood intervals. The estimate assumes that the lists are a fair picture of one closed population; where some people are harder to record on every list, the total is underestimated. Warnings are given in the notes and the appendix.')));
  if (kinds.has('list')) blocks.push(para(text('Breakdowns count persons or allegations per group; where one may belong to several groups (several sources, several kinds of allegation), the groups overlap and do not add up to the total.')));
  return { heading: 'Methods', role: 'methods', blocks };
}

export function sourcesSection(all: SourceSupport, audience: Audience): Section {
  const visible = all.items.filter((s) => audience === 'internal' || (s.published && s.sensitivity === 'public'));
  const hidden = all.items.filter((s) => !visible.includes(s));
  const blocks: Block[] = [para(text(supportText(all)))];
  if (visible.length) {
    blocks.push({
      type: 'table', caption: audience === 'public' ? 'Published sources' : 'Sources', header: ['Source', 'Kind', 'Origin', 'Reliability', 'Supports'],
      align: ['left', 'left', 'left', 'left', 'right'],
      rows: visible.map((s) => ({ cells: [s.title, s.kind.replace(/_/g, ' '), s.origin ?? '—', s.reliability, String(s.supports)] })),
    });
  }
  if (hidden.length) {
    const byKind = new Map<string, Map<string, number>>();
    for (const s of hidden) {
      const m = byKind.get(s.kind) ?? new Map<string, number>();
      m.set(s.reliability, (m.get(s.reliability) ?? 0) + 1);
      byKind.set(s.kind, m);
    }
    const parts = [...byKind].map(([kind, rel]) => `${[...rel.values()].reduce((a, b) => a + b, 0)} ${kind.replace(/_/g, ' ')} source(s) (reliability ${[...rel].sort().map(([r, n]) => `${r}: ${n}`).join(', ')})`);
    blocks.push(para(text(`Not published, and therefore not named here: ${parts.join('; ')}. Testimonies are kept confidential to protect the witnesses.`)));
  }
  blocks.push(para(text('Reliability follows the Admiralty scale: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged. Independent origins are distinct organisations or channels; several sources from one origin are not independent confirmations.')));
  return { heading: 'Sources', role: 'sources', blocks };
}

function appendix(findings: BriefingFinding[], audience: Audience): Section | null {
  const blocks: Block[] = [];
  for (const f of findings) {
    if (f.value.kind !== 'mse') continue;
    const v = f.value;
    const names = v.lists.map((l, i) => `${i + 1}: ${labelOf({ label: l.title, public: l.published && l.sensitivity === 'public' }, audience)}`);
    blocks.push({ type: 'subheading', text: `${f.title} (${f.slug}@${f.version})` });
    if (v.N === null) blocks.push(para(text(`Lists ${names.join('; ')}. No log-linear model could be estimated from these lists. ${v.sentence}`)));
    else blocks.push(para(text(`Lists ${names.join('; ')}. Model ${v.model}; deviance ${v.deviance === null ? '—' : v.deviance.toFixed(2)} on ${v.df} degrees of freedom; AIC ${v.aic === null ? '—' : v.aic.toFixed(2)}; BIC ${v.bic === null ? '—' : v.bic.toFixed(2)}; ${fmtLevel(v.level)} ${v.ciMethod} interval.`)));
    blocks.push({
      type: 'table', caption: 'Capture patterns (1 = on the list)', header: [...v.table.lists.map((_, i) => `List ${i + 1}`), 'People'],
      align: [...v.table.lists.map(() => 'right' as const), 'right'], rows: v.table.rows.map((r) => ({ cells: [...r.pattern.map(String), fmtInt(r.count)] })),
    });
    const visible = (l: (typeof v.lists)[number]) => audience === 'internal' || isPublicList(l);
    if (v.warnings.length) blocks.push({ type: 'list', ordered: false, items: v.warnings.map((w) => [text(maskListNames(w, v.lists, visible))]) });
  }
  return blocks.length ? { heading: 'Appendix: multiple systems estimation', role: 'appendix', blocks } : null;
}

export function buildBriefing(b: BriefingBuild): ReportDoc {
  const notes = new NoteBook();
  const byId = new Map(b.findings.map((f) => [f.id, f]));
  const noteOf = (f: BriefingFinding) => notes.note(f.id, () => noteText(f, b.audience));
  const warnings: string[] = [];
  if (b.highlights.length < 3) warnings.push(`only ${b.highlights.length} highlight(s): a briefing should have three to seven`);
  const highlights: Section = {
    heading: 'Highlights', role: 'highlights',
    blocks: [{ type: 'list', ordered: false, items: b.highlights.map((id) => byId.get(id)!).map((f) => [fig(renderStatement(f.statement, f.value, b.audience), noteOf(f))]) }],
  };
  const body: Section[] = b.sections.map((s) => ({
    heading: s.heading, role: 'body' as const,
    blocks: [...(s.intro ? [para(text(s.intro))] : []), ...s.findings.map((id) => byId.get(id)!).flatMap((f) => findingBlocks(f, noteOf(f), b.audience))],
  }));
  const versions = b.findings.map((f) => f.dataVersion ?? 0);
  const logs = b.findings.map((f) => f.checkpointSize ?? 0);
  const extra = appendix(b.findings, b.audience);
  return {
    kind: 'briefing', audience: b.audience, title: b.title,
    subtitle: b.subtitle ?? `Briefing of ${b.findings.length} finding${b.findings.length === 1 ? '' : 's'}`,
    banners: [...b.banners, ...(b.audience === 'internal' ? ['INTERNAL — not for publication: may contain unpublished findings and material.'] : [])],
    meta: [
      `Generated ${b.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`,
      `Findings computed at data versions ${Math.min(...versions)} to ${Math.max(...versions)}; evidence log size up to ${Math.max(...logs)}.`,
      b.audience === 'public'
        ? 'Public edition: only published findings; counts and published material only; no names of persons or witnesses.'
        : 'Internal edition.',
    ],
    sections: [highlights, ...body, methodsSection(b.findings), sourcesSection(b.allSources, b.audience), ...(extra ? [extra] : [])],
    notes: notes.notes,
    warnings,
  };
}
