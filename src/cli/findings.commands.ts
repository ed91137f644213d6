import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { ConflictError, ForbiddenError, NotFoundError, SYSTEM } from '../domain';
import { FindingService, PdfUnavailableError, ReportService, type Finding, type Recomputation, type ReportOutput } from '../findings';
import type { Workspace } from '../workspace';
import { jsonArg } from './stats.commands';
import { CliError, common, output, withWorkspace as openAnd, type GlobalOptions } from './common';

/** Opens the workspace; the services' refusals become plain messages and exit code 1. */
async function withWorkspace<T>(opts: GlobalOptions, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  try {
    return await openAnd(opts, fn);
  } catch (error) {
    if (error instanceof ConflictError || error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof PdfUnavailableError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

function findingLine(f: Finding): string {
  return `${f.ref.padEnd(36)} ${f.status.padEnd(9)} ${f.kind.padEnd(5)} ${f.text ?? '(not computed)'}${f.supersededBy ? ' [superseded]' : ''}`;
}

function findingText(f: Finding): string {
  const lines = [
    `${f.ref} — ${f.title} (${f.status}${f.supersededBy ? `, superseded by ${f.supersededBy}` : ''})`,
    `  id ${f.id}${f.supersedes ? `; supersedes ${f.supersedes}` : ''}`,
    `  ${f.text ?? '(not computed yet)'}`,
    `  statement: ${f.statement}`,
    `  method: ${JSON.stringify(f.method)}`,
    `  query: ${JSON.stringify(f.query)}`,
    `  computed ${f.computedAt ?? 'never'} at data version ${f.dataVersion ?? '—'}, evidence log size ${f.checkpointSize ?? '—'}`,
  ];
  if (f.sources) {
    lines.push(`  sources: ${f.sources.total} from ${f.sources.origins} independent origins; ${f.sources.testimonies} testimonies; ${f.sources.witnesses} witnesses; reliability ${Object.entries(f.sources.byReliability).sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  if (f.publishedAt) lines.push(`  published ${f.publishedAt} by ${f.publishedBy}`);
  return lines.join('\n');
}

function recomputeText(r: Recomputation): string {
  const lines = [
    `${r.ref} (${r.status})`,
    `  stored (data version ${r.stored.dataVersion ?? '—'}, log size ${r.stored.checkpointSize ?? '—'}, computed ${r.stored.computedAt ?? 'never'}):`,
    `    ${r.stored.text ?? '(no stored value)'}`,
    `  today (data version ${r.today.dataVersion}, log size ${r.today.checkpointSize}):`,
    `    ${r.today.text}`,
  ];
  if (r.same) lines.push('  The figures are the same.');
  else lines.push('  Changed figures:', ...r.differences.map((d) => `    ${d.figure}: ${d.stored ?? '—'} → ${d.today ?? '—'}`));
  if (r.saved) lines.push('  The new value was stored (the finding is a draft again and needs review).');
  return lines.join('\n');
}

async function definition(opts: { query?: string; method?: string; title?: string; statement?: string }): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (opts.title) out.title = opts.title;
  if (opts.statement) out.statement = opts.statement;
  if (opts.query) out.query = await jsonArg(opts.query, '--query');
  if (opts.method) out.method = await jsonArg(opts.method, '--method');
  return out;
}

const csv = (s: string | undefined): string[] | undefined => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

async function writeReport(opts: GlobalOptions & { output?: string }, out: ReportOutput): Promise<void> {
  if (!opts.output) {
    if (out.format === 'pdf') throw new CliError('a PDF needs -o FILE');
    process.stdout.write(out.body as string);
    return;
  }
  await writeFile(opts.output, out.body);
  const summary = { file: opts.output, format: out.format, bytes: Buffer.byteLength(out.body), notes: out.doc.notes.length, audience: out.doc.audience, warnings: out.doc.warnings };
  output(opts, summary, () => `Wrote ${out.format.toUpperCase()} ${opts.output} (${summary.bytes} bytes, ${summary.notes} notes, ${out.doc.audience} edition)${out.doc.warnings.length ? `\nWarnings:\n${out.doc.warnings.map((w) => `  - ${w}`).join('\n')}` : ''}`);
}

function checkFormat(format: string): 'html' | 'pdf' | 'md' {
  if (!['html', 'pdf', 'md'].includes(format)) throw new CliError(`--format must be html, pdf or md, not "${format}"`);
  return format as 'html' | 'pdf' | 'md';
}

export function findingsCommands(program: Command): void {
  const finding = program.command('finding').description('findings: named, versioned statements with computed, traceable figures');

  common(finding.command('add'))
    .description('add a finding (computed at once); the query is JSON: {"kind":"count|rate|mse|list", ...}')
    .requiredOption('--title <title>', 'the title')
    .requiredOption('--query <json>', 'definition as JSON or @file')
    .option('--slug <slug>', 'stable name (default: from the title)')
    .option('--statement <text>', 'one sentence with placeholders such as {count}, {percent}, {numerator}, {denominator}, {lower}, {upper}, {N}')
    .option('--method <json>', 'method as JSON, e.g. {"name":"mse","model":"[12,3]","ci":"profile"}')
    .option('--no-compute', 'save without computing')
    .action(async (opts: GlobalOptions & { title: string; query: string; slug?: string; statement?: string; method?: string; compute: boolean }) => {
      const input = { ...(await definition(opts)), ...(opts.slug ? { slug: opts.slug } : {}), compute: opts.compute };
      const f = await withWorkspace(opts, (ws) => new FindingService(ws.database.db).create(SYSTEM, input));
      output(opts, f, () => `Added ${findingText(f)}`);
    });

  common(finding.command('list'))
    .description('list findings (the latest version of each, unless --all-versions)')
    .option('--status <status>', 'draft, reviewed or published')
    .option('--kind <kind>', 'count, rate, mse or list')
    .option('--all-versions', 'every version')
    .action(async (opts: GlobalOptions & { status?: string; kind?: string; allVersions?: boolean }) => {
      const page = await withWorkspace(opts, (ws) => new FindingService(ws.database.db).list(SYSTEM, { status: opts.status, kind: opts.kind, allVersions: opts.allVersions ?? false, limit: 500 }));
      output(opts, page, () => (page.items.length ? page.items.map(findingLine).join('\n') : 'No findings.'));
    });

  common(finding.command('show <ref>'))
    .description('show a finding (id, slug or slug@version)')
    .action(async (ref: string, opts: GlobalOptions) => {
      const f = await withWorkspace(opts, (ws) => new FindingService(ws.database.db).get(SYSTEM, ref));
      output(opts, f, () => findingText(f));
    });

  common(finding.command('compute <ref>'))
    .description('recompute on today\'s data and show the stored and today\'s value; --store keeps the new value (drafts only)')
    .option('--store', 'store the new value (the finding returns to draft)')
    .action(async (ref: string, opts: GlobalOptions & { store?: boolean }) => {
      const r = await withWorkspace(opts, (ws) => new FindingService(ws.database.db).compute(SYSTEM, ref, { store: opts.store }));
      output(opts, r, () => recomputeText(r));
    });

  common(finding.command('edit <ref>'))
    .description('edit a draft (a new query or method recomputes it)')
    .option('--title <title>').option('--statement <text>').option('--query <json>').option('--method <json>')
    .action(async (ref: string, opts: GlobalOptions & { title?: string; statement?: string; query?: string; method?: string }) => {
      const f = await withWorkspace(opts, async (ws) => new FindingService(ws.database.db).update(SYSTEM, ref, await definition(opts)));
      output(opts, f, () => findingText(f));
    });

  common(finding.command('review <ref>'))
    .description('mark a computed draft as reviewed (needed before publishing)')
    .option('--note <text>', 'what was checked')
    .action(async (ref: string, opts: GlobalOptions & { note?: string }) => {
      const f = await withWorkspace(opts, (ws) => new FindingService(ws.database.db).review(SYSTEM, ref, opts.note));
      output(opts, f, () => `Reviewed ${f.ref}.`);
    });

  common(finding.command('publish <ref>'))
    .description('publish a reviewed finding (recomputed first: the data must still give the same figures); it is frozen from then on')
    .action(async (ref: string, opts: GlobalOptions) => {
      const f = await withWorkspace(opts, (ws) => new FindingService(ws.database.db).publish(SYSTEM, ref));
      output(opts, f, () => `Published ${f.ref}: ${f.text}`);
    });

  common(finding.command('revise <ref>'))
    .description('a new version of a published finding, computed on today\'s data; it supersedes the old one')
    .option('--title <title>').option('--statement <text>').option('--query <json>').option('--method <json>')
    .action(async (ref: string, opts: GlobalOptions & { title?: string; statement?: string; query?: string; method?: string }) => {
      const f = await withWorkspace(opts, async (ws) => new FindingService(ws.database.db).revise(SYSTEM, ref, await definition(opts)));
      output(opts, f, () => `New version ${findingText(f)}`);
    });

  common(finding.command('delete <ref>'))
    .description('delete a draft (published findings stay)')
    .action(async (ref: string, opts: GlobalOptions) => {
      await withWorkspace(opts, (ws) => new FindingService(ws.database.db).remove(SYSTEM, ref));
      output(opts, { deleted: ref }, () => `Deleted ${ref}.`);
    });

  const report = program.command('report').description('reports in which every figure is traced to a finding: briefing, facility report');

  common(report.command('briefing'))
    .description('a briefing: highlights, sections, methods, sources; every number footnoted to its finding id and version')
    .option('--findings <refs>', 'comma-separated finding ids or slugs (default: every published finding)')
    .option('--highlights <refs>', 'three to seven of them to highlight (default: the first seven)')
    .option('--title <title>', 'title', 'Briefing')
    .option('--subtitle <text>', 'subtitle')
    .option('--sections <json>', 'sections as JSON or @file: [{"heading": "...", "intro"?: "...", "findings": ["slug", ...]}]')
    .option('--audience <audience>', 'public (published material only, redacted) or internal', 'public')
    .option('--format <format>', 'html, pdf or md', 'html')
    .option('-o, --output <file>', 'output file (html and md go to stdout without it)')
    .action(async (opts: GlobalOptions & { findings?: string; highlights?: string; title: string; subtitle?: string; sections?: string; audience: string; format: string; output?: string }) => {
      const format = checkFormat(opts.format);
      const input = {
        title: opts.title, subtitle: opts.subtitle, findings: csv(opts.findings), highlights: csv(opts.highlights),
        sections: opts.sections ? await jsonArg(opts.sections, '--sections') : undefined, audience: opts.audience, format,
      };
      const out = await withWorkspace(opts, (ws) => new ReportService(ws.database.db, ws.registry).briefing(SYSTEM, input));
      await writeReport(opts, out);
    });

  common(report.command('facility <id>'))
    .description('a facility report modelled on a CPT visit report: the place, detainees known, allegations by type and period, conditions, testimonies, recommendations')
    .option('--recommendations <file>', 'recommendations written by staff: a text file, one per line (or a JSON array)')
    .option('--conditions <file>', 'staff\'s description of the conditions of detention (text file)')
    .option('--introduction <file>', 'an introduction (text file)')
    .option('--title <title>', 'title')
    .option('--audience <audience>', 'public (published material only, redacted) or internal', 'public')
    .option('--format <format>', 'html, pdf or md', 'html')
    .option('-o, --output <file>', 'output file (html and md go to stdout without it)')
    .action(async (id: string, opts: GlobalOptions & { recommendations?: string; conditions?: string; introduction?: string; title?: string; audience: string; format: string; output?: string }) => {
      const format = checkFormat(opts.format);
      const read = async (file: string | undefined, what: string) => {
        if (!file) return undefined;
        try {
          return (await readFile(file, 'utf8')).trim();
        } catch (error) {
          throw new CliError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
      };
      const recText = await read(opts.recommendations, 'recommendations');
      let recommendations: string[] = [];
      if (recText) recommendations = recText.startsWith('[') ? ((await jsonArg(recText, '--recommendations')) as string[]) : recText.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      const input = {
        recommendations, conditions: await read(opts.conditions, 'conditions'), introduction: await read(opts.introduction, 'introduction'),
        title: opts.title, audience: opts.audience, format,
      };
      const out = await withWorkspace(opts, (ws) => new ReportService(ws.database.db, ws.registry).facility(SYSTEM, id, input));
      await writeReport(opts, out);
    });
}
