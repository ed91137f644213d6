import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '../../src/db';
import { seedDemo } from '../../src/demo';
import { ANONYMOUS, SYSTEM } from '../../src/domain';
import { FindingService, ReportService, type FindingValue } from '../../src/findings';
import { backends, openTestWorkspace } from '../helpers/db';
import { decodePng, pixelVariance } from '../helpers/png';

// Synthetic demo data only; markers are invented strings planted to prove they never leak.

const MARK = '⟦';
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (p: number) => (p * 100).toFixed(1);

/** Every number a finding's value may print, formatted independently of the report code. */
function allowedNumbers(v: FindingValue): Set<string> {
  const s = new Set<string>();
  const rate = (r: { numerator: number; denominatorCount: number; proportion: number | null; wilson: { lower: number; upper: number }; clopperPearson: { lower: number; upper: number } }) => {
    s.add(int(r.numerator)); s.add(int(r.denominatorCount));
    if (r.proportion !== null) s.add(pct(r.proportion));
    for (const x of [r.wilson.lower, r.wilson.upper, r.clopperPearson.lower, r.clopperPearson.upper]) s.add(pct(x));
  };
  switch (v.kind) {
    case 'count': s.add(int(v.count)); break;
    case 'rate': s.add(String(Math.round(v.level * 100))); rate(v.total); v.strata?.items.forEach(rate); break;
    case 'list': s.add(int(v.total)); v.items.forEach((i) => s.add(int(i.count))); break;
    case 'mse':
      s.add(int(v.n)); s.add(String(Math.round(v.level * 100)));
      if (v.N !== null) { s.add(int(v.N)); s.add(int(v.N - v.n)); }
      for (const c of v.ci) if (c !== null) s.add(int(c));
      for (const st of v.strata?.items ?? []) { s.add(int(st.n)); if (st.N !== null) s.add(int(st.N)); for (const c of st.ci) if (c !== null) s.add(int(c)); }
      break;
  }
  return s;
}

function labelsOf(v: FindingValue): string[] {
  const labels = v.kind === 'list' ? v.items.map((i) => i.label)
    : v.kind === 'rate' ? (v.strata?.items ?? []).map((i) => i.label)
      : v.kind === 'mse' ? [...v.lists.map((l) => l.title), ...(v.strata?.items ?? []).map((s) => s.label)] : [];
  return labels.sort((a, b) => b.length - a.length);
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Blocks (paragraphs, list items, table rows) of the highlights and body sections, footnote markers as ⟦n⟧. */
function htmlBlocks(html: string): string[] {
  const sections = [...html.matchAll(/<section class="(?:highlights|body)"[^>]*>([\s\S]*?)<\/section>/g)].map((m) => m[1]);
  return sections.flatMap((s) => s
    .replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<figcaption>[\s\S]*?<\/figcaption>/g, '').replace(/<h[23]>[\s\S]*?<\/h[23]>/g, '')
    .replace(/<sup class="fn"><a href="#note-(\d+)">\1<\/a><\/sup>/g, ` ${MARK}$1⟧ `)
    .split(/<\/p>|<\/li>|<\/tr>|<\/caption>|<\/thead>/)
    .map((b) => decode(b.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim())
    .filter(Boolean));
}

function htmlNotes(html: string): Map<number, { slug: string; version: number; id: string }> {
  return new Map([...html.matchAll(/<li id="note-(\d+)">Finding ([a-z0-9-]+)@(\d+) \(id ([0-9a-f-]{36})\)/g)].map((m) => [Number(m[1]), { slug: m[2], version: Number(m[3]), id: m[4] }]));
}

function mdBlocks(md: string): string[] {
  const body = md.slice(md.indexOf('## Highlights'), md.indexOf('## Methods'));
  return body.split('\n')
    .filter((l) => !l.startsWith('#') && !l.startsWith('![') && !/^\|( ---:? \|)+$/.test(l) && l.trim() !== '')
    .map((l) => l.replace(/\[\^(\d+)\]/g, ` ${MARK}$1⟧ `).replace(/\\(.)/g, '$1').trim());
}

function mdNotes(md: string): Map<number, { slug: string; version: number; id: string }> {
  return new Map([...md.matchAll(/^\[\^(\d+)\]: Finding ([a-z0-9-]+)@(\d+) \(id ([0-9a-f-]{36})\)/gm)].map((m) => [Number(m[1]), { slug: m[2], version: Number(m[3]), id: m[4] }]));
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

describe.each(backends())('reports on a demo workspace on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let findings: FindingService;
  let reports: ReportService;
  let tmp: string;

  beforeAll(async () => {
    ws = await openTestWorkspace(kind, 'demo');
    await seedDemo(ws, { individuals: 200 });
    findings = new FindingService(ws.database.db);
    reports = new ReportService(ws.database.db, ws.registry);
    tmp = await mkdtemp(join(tmpdir(), 'vigil-reports-'));
  });
  afterAll(async () => {
    await ws?.dispose();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Recomputes every finding a report's notes name and checks every number of the body against it. */
  async function checkTraced(blocks: string[], notes: Map<number, { slug: string; version: number; id: string }>): Promise<number> {
    const values = new Map<number, FindingValue>();
    for (const [n, ref] of notes) {
      const f = await findings.get(SYSTEM, ref.id);
      expect([f.slug, f.version]).toEqual([ref.slug, ref.version]);
      const r = await findings.compute(SYSTEM, ref.id);
      expect(r.same, `${ref.slug} recomputes to its stored value`).toBe(true);
      values.set(n, r.today.value as FindingValue);
    }
    let checked = 0;
    for (const block of blocks) {
      const parts = block.split(/⟦(\d+)⟧/);
      for (let i = 0; i + 1 < parts.length; i += 2) {
        const note = Number(parts[i + 1]);
        const v = values.get(note);
        expect(v, `note ${note} names a finding`).toBeDefined();
        let segment = parts[i];
        for (const label of labelsOf(v!)) segment = segment.split(label).join(' ');
        const allowed = allowedNumbers(v!);
        for (const num of segment.match(NUMBER) ?? []) {
          expect(allowed.has(num), `"${num}" in "${parts[i].trim()}" is a figure of note ${note}`).toBe(true);
          checked++;
        }
      }
      const tail = parts[parts.length - 1];
      expect(tail.match(NUMBER), `untraced number after the last note in "${block}"`).toBeNull();
    }
    return checked;
  }

  it('seeds published demo findings', async () => {
    const list = await findings.list(ANONYMOUS, {});
    expect(list.items.length).toBeGreaterThanOrEqual(5);
    expect(list.items.every((f) => f.status === 'published' && f.dataVersion! > 0)).toBe(true);
  });

  it('a briefing in HTML and Markdown: every number in the text carries a note whose finding recomputes to it', async () => {
    const html = (await reports.briefing(SYSTEM, { title: 'Demo briefing', format: 'html' })).body as string;
    const notes = htmlNotes(html);
    expect(notes.size).toBeGreaterThanOrEqual(5);
    const highlights = /<section class="highlights"[\s\S]*?<\/section>/.exec(html)![0];
    const count = (highlights.match(/<li>/g) ?? []).length;
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(7);
    const checkedHtml = await checkTraced(htmlBlocks(html), notes);
    expect(checkedHtml).toBeGreaterThan(30);
    expect(html).not.toMatch(/<script|<link |src="http|href="http|url\(/i);
    expect(html).toContain('<section class="methods"');
    expect(html).toContain('<section class="sources"');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');

    const md = (await reports.briefing(SYSTEM, { title: 'Demo briefing', format: 'md' })).body as string;
    const mdn = mdNotes(md);
    expect([...mdn.values()].map((n) => n.id).sort()).toEqual([...notes.values()].map((n) => n.id).sort());
    const checkedMd = await checkTraced(mdBlocks(md), mdn);
    expect(checkedMd).toBe(checkedHtml);
    expect(md).toContain('## Highlights');
    expect(md).toMatch(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,/);
  });

  it('a briefing as PDF: pages with numbers, notes, and ink (pdftoppm → PNG, pixel variance)', { timeout: 120_000 }, async () => {
    const out = await reports.briefing(SYSTEM, { title: 'Demo briefing', format: 'pdf' });
    const pdf = out.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(tmp, 'briefing.pdf');
    await writeFile(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Highlights');
    expect(text).toMatch(/Page 1 of \d+/);
    for (const n of out.doc.notes) expect(text.replace(/\s+/g, ' ')).toContain(n.text.slice(0, 40).replace(/\s+/g, ' '));
    execFileSync('pdftoppm', ['-r', '40', '-gray', '-png', file, join(tmp, 'page')]);
    const pages = (await readdir(tmp)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) {
      const png = decodePng(await readFile(join(tmp, p)));
      expect(png.width).toBeGreaterThan(200);
      expect(pixelVariance(png), `${p} is not blank`).toBeGreaterThan(50);
    }
  });

  it('a facility report (CPT structure) in three formats, with staff recommendations', { timeout: 120_000 }, async () => {
    const top = (await ws.registry.facilities.list(ANONYMOUS, { sort: 'allegations', limit: 1 })).items[0];
    const input = { recommendations: ['Grant the ICRC unimpeded access to every detainee.', 'Investigate every allegation of torture.'], conditions: 'Staff note: overcrowded cells (synthetic).' };
    const html = (await reports.facility(SYSTEM, top.id, { ...input, format: 'html' })).body as string;
    for (const h of ['The place', 'Detainees known', 'Allegations of torture and ill-treatment', 'Conditions of detention', 'Testimonies', 'Recommendations', 'Methods', 'Sources']) expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain('Grant the ICRC unimpeded access to every detainee.');
    const dossier = await ws.registry.facilities.dossier(SYSTEM, top.id);
    for (const t of dossier.allegationsByType) expect(html).toContain(`<td>${t.labelEn}</td>`);
    expect(html).toMatch(/Facility dossier of .* computed .* at data version \d+/);
    const md = (await reports.facility(SYSTEM, top.id, { ...input, format: 'md' })).body as string;
    expect(md).toContain('1. Grant the ICRC unimpeded access to every detainee.');
    const pdf = (await reports.facility(SYSTEM, top.id, { ...input, format: 'pdf' })).body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('planted markers in restricted fields and internal records never reach a public report', { timeout: 180_000 }, async () => {
    const reg = ws.registry;
    const fac = (await reg.facilities.list(ANONYMOUS, { sort: 'allegations', limit: 1 })).items[0].id;
    const list = (await reg.sources.list(SYSTEM, { q: 'Missing servicemen list' })).items[0].id;
    const before = await findings.get(SYSTEM, 'persons-documented');

    const secret = await reg.facilities.create(SYSTEM, { name: 'MARKER-SECRET-PLACE', notes: 'MARKER-FACILITY-NOTE', sensitivity: 'internal' });
    const t = await reg.sources.create(SYSTEM, { kind: 'testimony', title: 'MARKER-TESTIMONY-TITLE', origin: 'MARKER-ORIGIN', notes: 'MARKER-SOURCE-NOTE', sensitivity: 'internal', reliability: 'B' });
    await ws.database.db.insert(schema.witnesses).values({ pseudonym: 'MARKER-WITNESS-PSEUDONYM', sourceId: t.id, identityEnc: 'MARKER-IDENTITY', contactEnc: 'MARKER-CONTACT', createdBy: 'test' });
    const r1 = await reg.persons.addRecord(SYSTEM, { sourceId: t.id, familyName: 'MARKER-RESTRICTED-NAME', givenName: 'MARKER-GIVEN', sensitivity: 'restricted', status: 'released', serviceNumber: 'MARKER-SERVICE-NUMBER', birthPlace: 'MARKER-BIRTHPLACE' });
    await reg.custody.create(SYSTEM, { personRecordId: r1.id, facilityId: secret.id, sourceId: t.id, from: '2022-03', to: '2022-04', notes: 'MARKER-CUSTODY-NOTE', sensitivity: 'restricted' });
    await reg.custody.create(SYSTEM, { personRecordId: r1.id, facilityId: fac, sourceId: t.id, from: '2022-05', notes: 'MARKER-CUSTODY-NOTE', sensitivity: 'restricted' });
    await reg.allegations.create(SYSTEM, {
      typeCode: 'beating', when: '2022-06', facilityId: fac, sourceId: t.id, narrative: 'MARKER-NARRATIVE', place: 'MARKER-PLACE-TEXT', sensitivity: 'restricted',
      victims: [{ personRecordId: r1.id }], perpetrators: [{ kind: 'individual', name: 'MARKER-PERPETRATOR' }, { kind: 'call_sign', name: 'MARKER-CALLSIGN' }],
    });
    const r2 = await reg.persons.addRecord(SYSTEM, { sourceId: list, familyName: 'MARKER-INTERNAL-NAME', sensitivity: 'internal' });
    await reg.custody.create(SYSTEM, { personRecordId: r2.id, facilityId: fac, sourceId: list, from: '2022-07' });
    // A published person: named publicly only by the spelling of a public record, never by an internal one.
    const pub = await reg.persons.addRecord(SYSTEM, { sourceId: list, familyName: 'Publicname', givenName: 'Shown', sensitivity: 'public' });
    await reg.persons.addRecord(SYSTEM, { sourceId: t.id, personId: pub.personId, familyName: 'MARKER-INTERNAL-SPELLING-OF-A-PUBLIC-PERSON', sensitivity: 'internal' });
    await reg.custody.create(SYSTEM, { personRecordId: pub.id, facilityId: fac, sourceId: list, from: '2022-08', sensitivity: 'public' });
    await reg.persons.update(SYSTEM, pub.personId, { published: true, sensitivity: 'public' });
    // The trap is armed: internal readers see the internal spelling among the person's names (the
    // display name itself comes only from records as public as the person: see PersonService.refreshPerson).
    expect((await reg.persons.get(SYSTEM, pub.personId)).names.map((n) => n.name).join(' ')).toMatch(/MARKER/);

    // The data changed: the stored figure stays, the recomputed one differs.
    const re = await findings.compute(SYSTEM, 'persons-documented');
    expect(re.stored.value).toEqual(before.value);
    expect(re.same).toBe(false);
    expect((re.today.value as { count: number }).count).toBe((before.value as { count: number }).count + 3);

    // Published findings whose labels would name the planted places and sources.
    const planted = [
      { slug: 'marker-rate-by-source', title: 'Torture by source', query: { kind: 'rate', stratify: 'source', denominator: { sources: { kinds: ['testimony'] } }, numerator: { allegations: { categories: ['torture'] } } } },
      { slug: 'marker-first-place', title: 'First place of persons reporting torture', query: { kind: 'list', by: 'facility', limit: 100, where: { allegations: { categories: ['torture'] } } } },
      { slug: 'marker-mse', title: 'Two lists', query: { kind: 'mse', lists: ['MARKER-TESTIMONY-TITLE', 'Missing servicemen list (synthetic)'] } },
    ];
    for (const p of planted) {
      const f = await findings.create(SYSTEM, p);
      await findings.review(SYSTEM, f.id);
      await findings.publish(SYSTEM, f.id);
    }
    const refs = ['marker-rate-by-source', 'marker-first-place', 'marker-mse', 'torture-allegations'];
    const internal = (await reports.briefing(SYSTEM, { findings: refs, audience: 'internal', format: 'html' })).body as string;
    expect(internal).toContain('MARKER-SECRET-PLACE'); // positive control: the internal edition names them
    expect(internal).toContain('MARKER-TESTIMONY-TITLE');
    const internalFacility = (await reports.facility(SYSTEM, fac, { audience: 'internal', format: 'html' })).body as string;
    expect(internalFacility).toContain('MARKER-RESTRICTED-NAME');

    const outputs: [string, string][] = [];
    for (const format of ['html', 'md'] as const) {
      outputs.push([`briefing.${format}`, (await reports.briefing(SYSTEM, { findings: refs, format })).body as string]);
      outputs.push([`briefing-all.${format}`, (await reports.briefing(SYSTEM, { format })).body as string]);
      outputs.push([`facility.${format}`, (await reports.facility(SYSTEM, fac, { format, recommendations: ['Close the place.'] })).body as string]);
    }
    const pdfFile = join(tmp, 'public.pdf');
    await writeFile(pdfFile, (await reports.briefing(SYSTEM, { findings: refs, format: 'pdf' })).body);
    outputs.push(['briefing.pdf (text)', execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' })]);
    const facPdf = join(tmp, 'facility.pdf');
    await writeFile(facPdf, (await reports.facility(SYSTEM, fac, { format: 'pdf' })).body);
    outputs.push(['facility.pdf (text)', execFileSync('pdftotext', [facPdf, '-'], { encoding: 'utf8' })]);
    for (const ref of refs) outputs.push([`GET finding ${ref} as the public`, JSON.stringify(await findings.get(ANONYMOUS, ref))]);
    for (const [name, body] of outputs) {
      expect(body.length, name).toBeGreaterThan(500);
      expect(body.match(/.{0,300}MARKER[-A-Z]*.{0,80}/g), `${name} leaks a planted marker`).toBeNull();
    }
    const facilityHtml = outputs.find(([n]) => n === 'facility.html')![1];
    expect(facilityHtml).toContain('Publicname Shown'); // the published person, named by the public record only
    // the public editions mention what is withheld without naming it
    expect(outputs.find(([n]) => n === 'briefing.html')![1]).toContain('a place or source not yet made public');
    await expect(reports.briefing(SYSTEM, { findings: ['persons-documented'], format: 'html', audience: 'public' })).resolves.toBeDefined();
    const draft = await findings.create(SYSTEM, { slug: 'marker-draft', title: 'Draft', query: { kind: 'count' } });
    await expect(reports.briefing(SYSTEM, { findings: [draft.id], format: 'html' })).rejects.toThrow(/a public briefing holds only published findings/);
  });
});
