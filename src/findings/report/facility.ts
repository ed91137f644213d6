/**
 * A facility report, modelled on the visit reports of the European Committee for the Prevention of
 * Torture (CPT): the place, the detainees known, allegations by type and period, conditions, the
 * testimonies, and recommendations written by staff. Counts cover every record; names and titles
 * appear only for published material in the public edition.
 */
import { ALLEGATION_TYPES } from '../../domain';
import type { SourceSupport } from '../../analysis';
import type { Dossier } from '../../registry';
import { fmtInt, type Audience } from '../finding.value';
import { barChart, columnChart } from './charts.svg';
import { sourcesSection } from './briefing';
import { NoteBook, fig, para, text, type Block, type ReportDoc, type Section } from './report.model';
import { words } from './report.text';

export interface FacilityBuild {
  audience: Audience;
  /** counts over every record (computed as the system) */
  counts: Dossier;
  /** what may be named in this edition (computed as the audience) */
  named: { detainees: { name: string; status: string; from: string | null; to: string | null }[]; testimonies: { title: string; obtained: string | null; reliability: string }[] };
  persons: number;
  allegations: number;
  testimonyCount: number;
  sources: SourceSupport;
  recommendations: string[];
  introduction?: string;
  conditions?: string;
  title?: string;
  banners: string[];
  generatedAt: string;
  dataVersion: number;
  logSize: number;
}

const CATEGORY = new Map(ALLEGATION_TYPES.map((t) => [t.code, t.category]));

export function buildFacilityReport(b: FacilityBuild): ReportDoc {
  const f = b.counts.facility;
  const notes = new NoteBook();
  const dossierNote = notes.note('dossier', () =>
    `Facility dossier of ${f.name} (id ${f.id}), computed ${b.generatedAt.slice(0, 10)} at data version ${b.dataVersion}, evidence log size ${b.logSize}. `
    + 'Counts cover every record in the registry, published or not; persons are counted once each (linked records form one person); an allegation is counted once however many victims it names.');
  const place: string[] = [
    `${f.name} is a ${words(f.kind)}`,
    f.settlement ? ` in or near ${f.settlement}` : '',
    f.region ? `, ${f.region}` : '',
    f.country ? ` (${f.country})` : '',
    '.',
    f.authority ? ` Controlled by: ${f.authority}.` : '',
    f.inUse ? ` Known to be in use: ${f.inUse.endsWith('/') ? `since ${f.inUse.slice(0, -1)}` : f.inUse.startsWith('/') ? `until ${f.inUse.slice(1)}` : f.inUse.replace('/', ' to ')}.` : '',
    f.aliases.length ? ` Also known as: ${f.aliases.map((a) => a.name).join('; ')}.` : '',
  ];
  const sections: Section[] = [{
    heading: 'The place', role: 'profile',
    blocks: [para(text(place.join(''))), ...(b.introduction ? [para(text(b.introduction))] : [])],
  }];

  const detainees: Block[] = [para(
    text('The registry knows of '), fig(`${fmtInt(b.persons)} ${b.persons === 1 ? 'person' : 'persons'}`, dossierNote), text(' held here at some time.'),
  )];
  if (b.counts.detaineesOverTime.length) {
    detainees.push({ type: 'chart', caption: 'Persons known to be held, by quarter.', svg: columnChart({ title: 'Persons known to be held, by quarter', items: b.counts.detaineesOverTime.map((p) => ({ label: p.period, value: p.persons })) }) });
  }
  if (b.named.detainees.length) {
    detainees.push({ type: 'subheading', text: b.audience === 'public' ? 'Detainees whose names are published' : 'Detainees known' });
    detainees.push({
      type: 'table', caption: b.audience === 'public' ? 'Only persons whose details have been published are named.' : 'Internal list.',
      header: ['Name', 'Status', 'From', 'To'], align: ['left', 'left', 'left', 'left'],
      rows: b.named.detainees.map((d) => ({ cells: [d.name, words(d.status), d.from ?? '—', d.to ?? '—'] })),
    });
  } else if (b.audience === 'public') {
    detainees.push(para(text('No detainee of this place has been named publicly.')));
  }
  sections.push({ heading: 'Detainees known', role: 'body', blocks: detainees });

  const alleg: Block[] = [para(text('The registry holds '), fig(`${fmtInt(b.allegations)} ${b.allegations === 1 ? 'allegation' : 'allegations'}`, dossierNote), text(' about this place.'))];
  if (b.counts.allegationsByType.length) {
    alleg.push({
      type: 'table', caption: 'Allegations by type', header: ['Type', 'Category', 'Allegations'], align: ['left', 'left', 'right'],
      rows: b.counts.allegationsByType.map((t) => ({ cells: [t.labelEn, words(CATEGORY.get(t.typeCode) ?? '—'), fmtInt(t.count)], note: dossierNote })),
    });
    alleg.push({ type: 'chart', caption: 'Allegations by type.', svg: barChart({ title: 'Allegations by type', format: fmtInt, items: b.counts.allegationsByType.map((t) => ({ label: t.labelEn, value: t.count })) }) });
  }
  if (b.counts.allegationsByPeriod.length) {
    alleg.push({
      type: 'table', caption: 'Allegations by year of the earliest possible date', header: ['Year', 'Allegations'], align: ['left', 'right'],
      rows: b.counts.allegationsByPeriod.map((p) => ({ cells: [p.period, fmtInt(p.count)], note: dossierNote })),
    });
    alleg.push({ type: 'chart', caption: 'Allegations by year.', svg: columnChart({ title: 'Allegations by year', items: b.counts.allegationsByPeriod.map((p) => ({ label: p.period, value: p.count })) }) });
  }
  sections.push({ heading: 'Allegations of torture and ill-treatment', role: 'body', blocks: alleg });

  const ill = b.counts.allegationsByType.filter((t) => CATEGORY.get(t.typeCode) === 'ill_treatment');
  const conditions: Block[] = [];
  if (b.conditions) conditions.push(para(text(b.conditions)));
  if (ill.length) {
    conditions.push(para(text('Allegations about conditions of detention: '), ...ill.flatMap((t, i) => [
      ...(i ? [text(i === ill.length - 1 ? ' and ' : ', ')] : []), text(`${t.labelEn.toLowerCase()}, `), fig(fmtInt(t.count), dossierNote),
    ]), text('.')));
  } else conditions.push(para(text('No allegation about conditions of detention (deprivation, denial of medical care, forced labour) is recorded.')));
  sections.push({ heading: 'Conditions of detention', role: 'body', blocks: conditions });

  const testimonies: Block[] = [para(text('Testimonies mentioning this place: '), fig(fmtInt(b.testimonyCount), dossierNote), text('.'))];
  if (b.named.testimonies.length) {
    testimonies.push({
      type: 'table', caption: b.audience === 'public' ? 'Published testimonies' : 'Testimonies', header: ['Title', 'Obtained', 'Reliability'], align: ['left', 'left', 'left'],
      rows: b.named.testimonies.map((t) => ({ cells: [t.title, t.obtained ?? '—', t.reliability] })),
    });
  }
  if (b.audience === 'public') testimonies.push(para(text('Witnesses are never named; unpublished testimonies are counted but not listed.')));
  sections.push({ heading: 'Testimonies', role: 'body', blocks: testimonies });

  sections.push({
    heading: 'Recommendations', role: 'recommendations',
    blocks: b.recommendations.length
      ? [{ type: 'list', ordered: true, items: b.recommendations.map((r) => [text(r)]) }]
      : [para(text('No recommendations have been written for this report.'))],
  });
  sections.push({
    heading: 'Methods', role: 'methods',
    blocks: [para(text('Figures come from the registry: custody episodes place persons in this facility, and allegations are linked to it by the sources that report them. Persons are counted once each after record linkage. A public edition names only published persons and testimonies and never names witnesses; counts include unpublished records. Every figure carries a note with the data version it was computed at.'))],
  });
  sections.push(sourcesSection(b.sources, b.audience));
  return {
    kind: 'facility', audience: b.audience, title: b.title ?? `Facility report: ${f.name}`,
    subtitle: `A report on a place of detention, following the structure of CPT visit reports`,
    banners: [...b.banners, ...(b.audience === 'internal' ? ['INTERNAL — not for publication: contains unpublished material.'] : [])],
    meta: [`Generated ${b.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`, `Data version ${b.dataVersion}; evidence log size ${b.logSize}.`],
    sections, notes: notes.notes, warnings: [],
  };
}
