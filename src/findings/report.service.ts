/**
 * Reports: a briefing from findings and a facility report from the dossier, as HTML, PDF or
 * Markdown. Redaction is automatic: the public edition holds only published findings, counts, and
 * published names and titles; witnesses are never named; restricted fields are never read.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../auth';
import { StatisticsService, type SourceItem, type SourceSupport } from '../analysis';
import { queryRows, type Db } from '../db';
import { ANONYMOUS, ConflictError, ForbiddenError, NotFoundError, SYSTEM, ValidationError, type Actor } from '../domain';
import { composeName, validate, type Registry } from '../registry';
import { FindingService, authActor } from './finding.service';
import { parseStoredMethod as parseMethod } from './finding.schema';
import type { FindingValue } from './finding.value';
import { buildBriefing, defaultSections, type BriefingFinding } from './report/briefing';
import { buildFacilityReport } from './report/facility';
import { renderHtml, reportCsp } from './report/render.html';
import { renderMarkdown } from './report/render.md';
import { renderPdf } from './report/render.pdf';
import type { ReportDoc } from './report/report.model';

export const REPORT_FORMATS = ['html', 'pdf', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
const format = z.enum(REPORT_FORMATS).default('html');
const audience = z.enum(['public', 'internal']).default('public');
const ref = z.string().trim().min(1).max(120);
const noDigits = (what: string) => (s: string, ctx: z.RefinementCtx) => {
  if (/\d/.test(s)) ctx.addIssue({ code: 'custom', message: `${what} is body text: numbers in it could not be traced; put them in a finding` });
};

export const briefingRequest = z.object({
  title: z.string().trim().min(1).max(300).default('Briefing'),
  subtitle: z.string().trim().max(500).optional(),
  /** finding ids, slugs or slug@version; default: the latest published findings (public) or the latest versions (internal) */
  findings: z.array(ref).min(1).max(100).optional(),
  /** three to seven findings to highlight; default: the first seven */
  highlights: z.array(ref).min(1).max(7).optional(),
  sections: z.array(z.object({
    heading: z.string().trim().min(1).max(200),
    intro: z.string().trim().max(5000).superRefine(noDigits('a section introduction')).optional(),
    findings: z.array(ref).min(1).max(100),
  }).strict()).max(20).optional(),
  audience,
  format,
}).strict();
export type BriefingRequest = z.input<typeof briefingRequest>;

export const facilityReportRequest = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  introduction: z.string().trim().max(20_000).optional(),
  /** staff's description of conditions (from visits, interviews) */
  conditions: z.string().trim().max(20_000).optional(),
  /** recommendations written by staff, one per item */
  recommendations: z.array(z.string().trim().min(1).max(5000)).max(50).default([]),
  audience,
  format,
}).strict();
export type FacilityReportRequest = z.input<typeof facilityReportRequest>;

export interface ReportOutput {
  format: ReportFormat;
  contentType: string;
  body: string | Buffer;
  /** a file name to suggest */
  filename: string;
  /** Content-Security-Policy for serving the HTML */
  csp: string;
  doc: ReportDoc;
}

const CONTENT_TYPES: Record<ReportFormat, string> = { html: 'text/html; charset=utf-8', pdf: 'application/pdf', md: 'text/markdown; charset=utf-8' };

function allowGenerate(actor: Actor): void {
  if (!can(authActor(actor), 'generate', 'reports')) throw new ForbiddenError(`your role (${actor.role}) may not generate reports`);
}

function mergeSources(all: (SourceSupport | null)[]): SourceItem[] {
  const m = new Map<string, SourceItem>();
  for (const s of all) for (const i of s?.items ?? []) {
    const before = m.get(i.id);
    m.set(i.id, before ? { ...before, supports: Math.max(before.supports, i.supports) } : i);
  }
  return [...m.values()].sort((a, b) => b.supports - a.supports || a.title.localeCompare(b.title));
}

export class ReportService {
  constructor(private readonly db: Db, private readonly registry: Registry) {}

  private async banners(): Promise<string[]> {
    const [r] = await queryRows<{ value: string }>(this.db, sql`select value from meta where key = 'workspace_kind'`);
    return r?.value === 'demo' ? ['DEMO WORKSPACE — synthetic data: the persons, places, sources and testimonies in this report are invented.'] : [];
  }

  async render(doc: ReportDoc, fmt: ReportFormat, name: string): Promise<ReportOutput> {
    const html = renderHtml(doc);
    const body = fmt === 'html' ? html : fmt === 'md' ? renderMarkdown(doc) : await renderPdf(html, { title: doc.title });
    return { format: fmt, contentType: CONTENT_TYPES[fmt], body, filename: `${name}.${fmt}`, csp: reportCsp(html), doc };
  }

  /** The document of a briefing (no rendering). */
  async briefingDoc(actor: Actor, input: unknown): Promise<{ doc: ReportDoc; format: ReportFormat }> {
    allowGenerate(actor);
    const q = validate(briefingRequest, input);
    const findings = new FindingService(this.db);
    const pub = q.audience === 'public';
    let refs = q.findings;
    if (!refs) {
      const listed = await findings.list(pub ? ANONYMOUS : actor, { limit: 500, status: pub ? 'published' : undefined });
      refs = listed.items.filter((f) => f.value !== null).map((f) => f.id);
      if (!refs.length) throw new ValidationError([{ field: 'findings', message: pub ? 'there is no published finding to report' : 'there is no computed finding to report' }]);
    }
    const extra = [...(q.highlights ?? []), ...(q.sections ?? []).flatMap((s) => s.findings)];
    const rows = await findings.rowsFor(actor, [...refs, ...extra], { publishedOnly: pub });
    const resolved = new Map<string, string>();
    [...refs, ...extra].forEach((r, i) => resolved.set(r, rows[i].id));
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    const issues: { field: string; message: string }[] = [];
    for (const r of unique) {
      if (pub && r.status !== 'published') issues.push({ field: 'findings', message: `finding ${r.slug}@${r.version} is ${r.status}: a public briefing holds only published findings (use the internal audience for a draft)` });
      if (r.value === null) issues.push({ field: 'findings', message: `finding ${r.slug}@${r.version} has not been computed` });
    }
    if (issues.length) throw new ValidationError(issues);
    const list: BriefingFinding[] = unique.map((r) => ({
      id: r.id, slug: r.slug, version: r.version, title: r.title, statement: r.statement, kind: r.kind, status: r.status,
      value: r.value as FindingValue, method: parseMethod(r.method, r.kind), sources: r.sources as SourceSupport | null,
      dataVersion: r.dataVersion, checkpointSize: r.checkpointSize, computedAt: r.computedAt, publishedAt: r.publishedAt,
    }));
    const sections = q.sections
      ? q.sections.map((s) => ({ heading: s.heading, intro: s.intro, findings: s.findings.map((f) => resolved.get(f)!) }))
      : defaultSections(list);
    // By default the first seven findings in section order, leaving out estimates that could not be made.
    const ordered = [...new Set(sections.flatMap((s) => s.findings))].map((id) => list.find((f) => f.id === id)!);
    const telling = ordered.filter((f) => !(f.value.kind === 'mse' && f.value.N === null));
    const highlights = q.highlights
      ? q.highlights.map((h) => resolved.get(h)!)
      : (telling.length >= 3 ? telling : ordered).slice(0, 7).map((f) => f.id);
    const allSources = await new StatisticsService(this.db).support(mergeSources(list.map((f) => f.sources)));
    const doc = buildBriefing({
      title: q.title, subtitle: q.subtitle, audience: q.audience, findings: list, highlights: [...new Set(highlights)], sections,
      banners: await this.banners(), generatedAt: new Date().toISOString(), allSources,
    });
    return { doc, format: q.format };
  }

  async briefing(actor: Actor, input: unknown): Promise<ReportOutput> {
    const { doc, format: fmt } = await this.briefingDoc(actor, input);
    return this.render(doc, fmt, 'briefing');
  }

  /** The document of a facility report (no rendering). */
  async facilityDoc(actor: Actor, facilityId: string, input: unknown): Promise<{ doc: ReportDoc; format: ReportFormat }> {
    allowGenerate(actor);
    const q = validate(facilityReportRequest, input);
    const reg = this.registry;
    const pub = q.audience === 'public';
    const viewer = pub ? ANONYMOUS : actor;
    try {
      await reg.facilities.get(viewer, facilityId);
    } catch (error) {
      if (error instanceof NotFoundError && pub && (await reg.facilities.get(SYSTEM, facilityId).then(() => true, () => false))) {
        throw new ConflictError('this facility is not published: a public report can be made only about a published place (use the internal audience)');
      }
      throw error;
    }
    const stats = new StatisticsService(this.db);
    const state = await stats.dataState();
    const counts = await reg.facilities.dossier(SYSTEM, facilityId);
    const seen = await reg.facilities.dossier(viewer, facilityId);
    const where = { facilities: { ids: [facilityId] } };
    const persons = (await stats.count(SYSTEM, { unit: 'persons', where })).count;
    const allegations = (await stats.count(SYSTEM, { unit: 'allegations', where })).count;
    const [t] = await queryRows<{ n: number }>(this.db, sql`select count(distinct s.id)::int as n from sources s where s.kind = 'testimony' and (
      exists (select 1 from allegations a where a.source_id = s.id and a.facility_id = ${facilityId})
      or exists (select 1 from custody_episodes ce where ce.source_id = s.id and ce.facility_id = ${facilityId}))`);
    const sourceRows = await queryRows<SourceItem>(this.db, sql`
      with links as (select a.source_id, a.id from allegations a where a.facility_id = ${facilityId}
                     union all select ce.source_id, ce.id from custody_episodes ce where ce.facility_id = ${facilityId})
      select s.id, s.title, s.kind, s.origin, s.reliability, s.published, s.sensitivity, count(*)::int as supports
      from links join sources s on s.id = links.source_id
      group by s.id, s.title, s.kind, s.origin, s.reliability, s.published, s.sensitivity order by 8 desc, s.title`);
    const sources = await stats.support(sourceRows.map((r) => ({ ...r, supports: Number(r.supports), published: Boolean(r.published) })));
    const names = pub ? await this.publicNames(seen.detainees.map((d) => d.personId)) : null;
    const detainees = seen.detainees
      .map((d) => ({ name: names ? names.get(d.personId) ?? null : d.displayName, status: d.status, from: d.from, to: d.to }))
      .filter((d): d is { name: string; status: string; from: string | null; to: string | null } => d.name !== null);
    const doc = buildFacilityReport({
      audience: q.audience, counts, named: { detainees, testimonies: seen.testimonies.map((x) => ({ title: x.title, obtained: x.obtained, reliability: x.reliability })) },
      persons, allegations, testimonyCount: Number(t?.n ?? 0), sources, recommendations: q.recommendations, introduction: q.introduction,
      conditions: q.conditions, title: q.title, banners: await this.banners(), generatedAt: new Date().toISOString(),
      dataVersion: state.dataVersion, logSize: state.logSize,
    });
    return { doc, format: q.format };
  }

  async facility(actor: Actor, facilityId: string, input: unknown): Promise<ReportOutput> {
    const { doc, format: fmt } = await this.facilityDoc(actor, facilityId, input);
    return this.render(doc, fmt, `facility-${facilityId.slice(0, 8)}`);
  }

  /** Names of published persons taken only from their public records: an internal record never lends its spelling. */
  private async publicNames(personIds: string[]): Promise<Map<string, string>> {
    if (!personIds.length) return new Map();
    const rows = await queryRows<{ person_id: string; family_name: string | null; given_name: string | null; patronymic: string | null; full_name: string | null }>(this.db, sql`
      select r.person_id, r.family_name, r.given_name, r.patronymic, r.full_name
      from person_records r join persons p on p.id = r.person_id
      where r.person_id in (${sql.join(personIds.map((id) => sql`${id}`), sql`, `)}) and r.is_current
        and r.sensitivity = 'public' and p.published and p.sensitivity = 'public'
      order by r.created_at, r.id`);
    const out = new Map<string, string>();
    for (const r of rows) {
      if (out.has(r.person_id)) continue;
      const name = composeName({ familyName: r.family_name, givenName: r.given_name, patronymic: r.patronymic, fullName: r.full_name });
      if (name) out.set(r.person_id, name);
    }
    return out;
  }
}
