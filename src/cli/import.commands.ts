import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SYSTEM } from '../domain';
import { ImportService, IMPORT_AS, isImportError, parseMappingJson, type ImportProgress, type ImportReport, type MappingFile, type ProblemView } from '../importers';
import { evidenceOf } from '../workspace';
import { CliError, common, info, output, withWorkspace, type GlobalOptions } from './common';
import { progress } from './progress';

interface ImportFlags extends GlobalOptions {
  as: string;
  mapping?: string;
  saveMapping?: string;
  source?: string;
  reliability?: string;
  obtained?: string;
  sensitivity: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  telegramUsername?: string;
  ocr?: boolean;
}

const PHASES: Record<ImportProgress['phase'], string> = { read: 'reading', validate: 'checking', write: 'importing', media: 'storing media', commit: 'indexing' };

/**
 * A progress bar with rate and ETA that appears only when the work lasts more than a second (and
 * only on a terminal). With VIGIL_PROGRESS=ndjson, progress goes to stderr as JSON lines instead.
 */
function phasedProgress(): { update(p: ImportProgress): void; stop(): void } {
  if (process.env.VIGIL_PROGRESS === 'ndjson') {
    return { update: (p) => { process.stderr.write(JSON.stringify(p) + '\n'); }, stop() {} };
  }
  const t0 = Date.now();
  let bar: ReturnType<typeof progress> | null = null;
  let label = '';
  return {
    update(p) {
      if (Date.now() - t0 < 1000 || p.total <= 1) return;
      const l = `${PHASES[p.phase]}${p.file ? ` ${p.file}` : ''}`;
      if (!bar || l !== label) {
        bar?.stop();
        bar = progress();
        label = l;
        bar.start(p.total, l);
      }
      bar.update(p.done);
    },
    stop() { bar?.stop(); bar = null; },
  };
}

export function problemLine(p: ProblemView): string {
  return `${p.file}:${p.row}:${p.column}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

function humanReport(r: ImportReport): string {
  const lines: string[] = [];
  for (const f of r.files) {
    if (f.status === 'failed') { lines.push(`${f.file}: not imported: ${f.error}`); continue; }
    const what = f.kind === 'telegram' ? 'messages' : f.kind === 'document' ? 'document' : 'rows';
    const counts = `${f.imported} (${f.created} new, ${f.versions} new versions)`;
    const head = r.dryRun ? `would import ${counts}` : f.status === 'imported' ? `imported ${counts}` : f.status === 'not_imported' ? `not imported (another file has errors): ${counts}` : 'nothing imported';
    const parts = [`${f.rows} ${what}: ${head}`, `${f.unchanged} unchanged`, `${f.rejected} rejected`];
    if (f.facilitiesCreated.length) parts.push(`facilities ${r.dryRun ? 'to create' : 'created'}: ${f.facilitiesCreated.join(', ')}`);
    if (f.victimsCreated) parts.push(`${f.victimsCreated} victims added as records`);
    if (f.media) parts.push(`media: ${f.media.stored} stored, ${f.media.alreadyStored} already stored, ${f.media.missing} not in the export, ${f.media.notFound} not found, ${f.media.refused} refused`);
    const src = f.source ? ` → source "${f.source.title}"${f.source.created && f.status === 'imported' ? ' (new)' : ''}` : '';
    lines.push(`${f.file} [${f.kind}]: ${parts.join(', ')}${src}`);
  }
  for (const p of r.rejected) lines.push(problemLine(p));
  for (const p of r.warnings) lines.push(problemLine(p));
  return lines.join('\n');
}

function mappingToSave(r: ImportReport, given?: MappingFile): MappingFile | null {
  for (const f of r.files) {
    const s = f.sheets[0];
    if (!s) continue;
    return { version: 1, as: s.kind, columns: Object.fromEntries(s.columns.map((c) => [c.header, c.field])), ...(given?.dateOrder ? { dateOrder: given.dateOrder } : {}) };
  }
  return null;
}

/** `vigil import FILE...`: lists, Telegram exports and documents into the workspace, all or nothing. */
export function importCommands(program: Command): void {
  common(program.command('import <files...>'))
    .description('import lists (CSV/XLSX), Telegram exports (folder or result.json) and documents (PDF/DOCX/HTML/text); all or nothing, idempotent')
    .option('--as <kind>', `kind of list: ${IMPORT_AS.join('|')}`, 'auto')
    .option('--mapping <file>', 'mapping file (JSON: {"version":1,"as":KIND,"columns":{"header":"field"|null}})')
    .option('--save-mapping <file>', 'write the column mapping used (of the first list) as a mapping file')
    .option('--source <title>', 'source every file joins (created when missing); default: one source per file, named after it')
    .option('--reliability <A-F>', 'reliability of a new source (Admiralty scale)')
    .option('--obtained <date>', 'when a new source was obtained (partial date)')
    .option('--sensitivity <level>', 'public, internal or restricted', 'internal')
    .option('--dry-run', 'check everything and report every problem as FILE:ROW:COLUMN: MESSAGE; write nothing')
    .option('--skip-invalid', 'import the valid rows and store the rejected ones with their reasons')
    .option('--telegram-username <name>', 'public username of the Telegram channel (for t.me links)')
    .option('--no-ocr', 'fail on scans and images instead of running OCR')
    .action(async (files: string[], opts: ImportFlags) => {
      if (!(IMPORT_AS as readonly string[]).includes(opts.as)) throw new CliError(`--as must be one of ${IMPORT_AS.join(', ')}`);
      let mapping: MappingFile | undefined;
      if (opts.mapping) {
        const text = await readFile(resolve(opts.mapping), 'utf8').catch((e: Error) => { throw new CliError(`cannot read ${opts.mapping}: ${e.message}`); });
        try {
          mapping = parseMappingJson(text, opts.mapping);
        } catch (e) {
          if (isImportError(e)) throw new CliError(e.message);
          throw e;
        }
      }
      const bar = phasedProgress();
      let report: ImportReport;
      try {
        report = await withWorkspace(opts, (ws) => {
          const service = new ImportService({ db: ws.database.db, kind: ws.database.kind, registry: ws.registry, vault: () => evidenceOf(ws) });
          return service.run(SYSTEM, files.map((f) => ({ path: resolve(f) })), {
            as: opts.as as 'auto', mapping, source: opts.source, reliability: opts.reliability as 'F' | undefined, obtained: opts.obtained,
            sensitivity: opts.sensitivity as 'internal', dryRun: Boolean(opts.dryRun), skipInvalid: Boolean(opts.skipInvalid),
            telegramUsername: opts.telegramUsername, ocr: opts.ocr === false ? 'never' : 'auto', onProgress: (p) => bar.update(p),
          });
        });
      } finally {
        bar.stop();
      }
      if (opts.saveMapping) {
        const m = mappingToSave(report, mapping);
        if (!m) info('--save-mapping: no list among the files; nothing saved');
        else {
          await writeFile(resolve(opts.saveMapping), JSON.stringify(m, null, 2) + '\n');
          info(`Mapping saved to ${opts.saveMapping}`);
        }
      }
      output(opts, report, () => humanReport(report));
      const errors = report.rejected.length > 0;
      const failed = report.files.some((f) => f.status === 'failed');
      if (report.dryRun) info(errors ? 'Dry run: problems found; nothing written.' : 'Dry run: no problems; nothing written.');
      else if (errors && !opts.skipInvalid) info('Nothing imported: fix the rows above, or import the valid rows with --skip-invalid.');
      else if (!report.written) info('Nothing new: every row is already in the workspace.');
      if ((errors && !opts.skipInvalid) || failed) process.exitCode = 1;
    });
}
