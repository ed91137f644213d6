import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { StatisticsService, type MseListsResult, type RatesResult } from '../analysis';
import { SYSTEM } from '../domain';
import { CountsCsvError, parseCountsCsv, runMse, svgPlot, type MseResult } from '../stats';
import { CliError, common, info, output, withWorkspace, type GlobalOptions } from './common';

interface MseOptions extends GlobalOptions {
  counts?: string;
  lists?: string;
  model: string;
  ci: string;
  level: string;
  stratify?: string;
  periodField: string;
  plot?: string;
}

const num = (x: number | null, digits = 1): string =>
  x === null ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

/** The readable form of an MSE result: the sentence, the chosen model, the top models, the warnings. */
export function mseText(r: MseResult, method: string, level: number): string {
  const out = [r.sentence, ''];
  out.push(`Lists: ${r.lists.join(', ')}; ${num(r.n, 0)} people recorded on at least one.`);
  if (r.N !== null) {
    out.push(`Model ${r.model}: N = ${num(r.N)} (s.e. ${num(r.se)}), ${Math.round(level * 100)}% ${method} interval ${num(r.ci[0], 0)} – ${r.ci[1] === null ? 'unbounded' : num(r.ci[1], 0)}; deviance ${num(r.deviance, 2)} on ${r.df} df, AIC ${num(r.aic, 2)}, BIC ${num(r.bic, 2)}.`);
  }
  if (r.models.length) {
    out.push('', `Models (best first, ${r.models.length} in all):`);
    out.push(table(['model', 'N', 's.e.', 'deviance', 'df', 'AIC', 'BIC'], r.models.slice(0, 12).map((m) => [
      m.model + (m.model === r.model ? ' *' : ''), num(m.N), num(m.se), num(m.deviance, 2), String(m.df), num(m.aic, 2), num(m.bic, 2),
    ])));
  }
  if (r.warnings.length) out.push('', 'Warnings:', ...r.warnings.map((w) => `  - ${w}`));
  return out.join('\n');
}

function listsText(r: MseListsResult, method: string, level: number): string {
  const out = [mseText(r, method, level), '', `Who is counted: ${r.description}.`, 'Capture patterns (1 = on the list):'];
  out.push(table([...r.table.lists, 'count'], r.table.rows.map((row) => [...row.pattern.map(String), String(row.count)])));
  if (r.strata) {
    out.push('', `By ${r.strata.by}${r.strata.periodField ? ` (year of ${r.strata.periodField} date)` : ''}:`);
    out.push(table(['stratum', 'recorded', 'model', 'N', 'interval'], r.strata.items.map((s) => [
      s.label, num(s.result?.n ?? null, 0), s.result?.model ?? '—', num(s.result?.N ?? null, 0),
      s.result?.N != null ? `${num(s.result.ci[0], 0)} – ${s.result.ci[1] === null ? '∞' : num(s.result.ci[1], 0)}` : (s.error ?? 'no estimate'),
    ])));
    out.push(`  ${r.strata.note}${r.strata.sumN !== null ? ` Sum of the strata: ${num(r.strata.sumN, 0)}.` : ''}`);
  }
  return out.join('\n');
}

export function ratesText(r: RatesResult): string {
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const lvl = `${Math.round(r.level * 100)}%`;
  const t = r.total;
  const out = [
    `Denominator: ${r.denominatorText} (${t.denominatorCount}).`,
    `Numerator: ${r.numeratorText} (${t.numerator}).`,
    `Share: ${pct(t.proportion)} (${t.numerator} of ${t.denominatorCount}); ${lvl} Wilson ${pct(t.wilson.lower)} – ${pct(t.wilson.upper)}, Clopper–Pearson ${pct(t.clopperPearson.lower)} – ${pct(t.clopperPearson.upper)}.`,
  ];
  if (r.strata) {
    out.push('', `By ${r.strata.by}:`);
    out.push(table(['stratum', 'numerator', 'denominator', 'share', `Wilson ${lvl}`, `Clopper–Pearson ${lvl}`], r.strata.items.map((s) => [
      s.label, String(s.numerator), String(s.denominatorCount), pct(s.proportion),
      `${pct(s.wilson.lower)} – ${pct(s.wilson.upper)}`, `${pct(s.clopperPearson.lower)} – ${pct(s.clopperPearson.upper)}`,
    ])));
    if (r.strata.note) out.push(`  ${r.strata.note}`);
  }
  return out.join('\n');
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A JSON argument given inline or as @file. */
export async function jsonArg(value: string, what: string): Promise<unknown> {
  const text = value.startsWith('@') ? await readText(value.slice(1), what) : value;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export function statsCommands(program: Command): void {
  common(program.command('mse'))
    .description('multiple systems estimation (capture–recapture): from a counts table (--counts) or from workspace sources as lists (--lists)')
    .option('--counts <file>', 'CSV with one 0/1 column per list and a "count" column')
    .option('--lists <names>', 'comma-separated source titles or ids (2 to 6) from the workspace')
    .option('--model <model>', 'best-bic, best-aic, independence or a bracket model such as "[12,3,4]"', 'best-bic')
    .option('--ci <method>', 'interval: profile (likelihood) or chao (log-transform)', 'profile')
    .option('--level <p>', 'confidence level', '0.95')
    .option('--stratify <by>', 'with --lists: period (year) or region, estimated per stratum')
    .option('--period-field <field>', 'with --stratify period: status (date of the person\'s status) or custody (first custody)', 'status')
    .option('--plot <file.svg>', 'write a chart of the estimate by model (self-contained SVG)')
    .action(async (opts: MseOptions) => {
      if (Boolean(opts.counts) === Boolean(opts.lists)) throw new CliError('give either --counts FILE.csv or --lists "A,B,C"');
      if (!['profile', 'chao'].includes(opts.ci)) throw new CliError(`--ci must be profile or chao, not "${opts.ci}"`);
      const level = Number(opts.level);
      if (!(level > 0 && level < 1)) throw new CliError(`--level must be between 0 and 1, not "${opts.level}"`);
      const ci = opts.ci as 'profile' | 'chao';
      let result: MseResult | MseListsResult;
      let text: string;
      if (opts.counts) {
        if (opts.stratify) throw new CliError('--stratify needs --lists (a counts table has no strata)');
        const csv = await readText(opts.counts, 'counts file');
        let parsed;
        try {
          parsed = parseCountsCsv(csv);
        } catch (error) {
          if (error instanceof CountsCsvError) throw new CliError(`${opts.counts}: ${error.message}`);
          throw error;
        }
        try {
          result = runMse({ table: parsed, model: opts.model, ci, level });
        } catch (error) {
          if (error instanceof RangeError) throw new CliError(`${opts.counts}: ${error.message}`);
          throw error;
        }
        text = mseText(result, ci, level);
      } else {
        const lists = opts.lists!.split(',').map((s) => s.trim()).filter(Boolean);
        result = await withWorkspace(opts, (ws) => new StatisticsService(ws.database.db).mseLists(SYSTEM, {
          lists, model: opts.model, ci, level, stratify: opts.stratify, periodField: opts.periodField,
        }));
        text = listsText(result as MseListsResult, ci, level);
      }
      if (opts.plot) {
        await writeFile(opts.plot, svgPlot(result, { level }));
        info(`Chart written to ${opts.plot}`);
      }
      output(opts, result, () => text);
    });

  common(program.command('rates'))
    .description('a share with Wilson and Clopper–Pearson intervals over the registry; the denominator is stated in words')
    .requiredOption('--query <json>', 'the rate query as JSON or @file: {"denominator": {...filter}, "numerator": {...filter}, "stratify"?: "facility|region|period|status|source|type|category"}')
    .option('--stratify <by>', 'overrides the query\'s stratify')
    .action(async (opts: GlobalOptions & { query: string; stratify?: string }) => {
      const q = (await jsonArg(opts.query, '--query')) as Record<string, unknown>;
      if (opts.stratify) q.stratify = opts.stratify;
      const r = await withWorkspace(opts, (ws) => new StatisticsService(ws.database.db).rates(SYSTEM, q));
      output(opts, r, () => ratesText(r));
    });
}
