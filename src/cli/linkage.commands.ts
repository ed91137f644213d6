import type { Command } from 'commander';
import { SYSTEM } from '../domain';
import { LinkCsvError, linkCsvFile } from '../linkage';
import { personsLinkage, type LinkRunSummary, type LinkStage, type ReviewPair } from '../persons-linkage';
import { CliError, common, output, withWorkspace, type GlobalOptions } from './common';
import { progress } from './progress';

interface LinkOptions extends GlobalOptions {
  input?: string;
  output?: string;
  report?: string;
  incremental?: boolean;
  threshold?: string;
  reviewLower?: string;
}

const STAGE_LABEL: Record<LinkStage, string> = { load: 'Loading records', link: 'Linking', write: 'Writing persons', refresh: 'Refreshing persons' };

function probability(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!(x > 0 && x < 1)) throw new CliError(`${flag} must be a probability between 0 and 1, not "${value}"`);
  return x;
}

function summaryText(s: LinkRunSummary): string {
  return [
    `Linked ${s.records.toLocaleString('en-US')} records${s.incremental ? ` (${s.newRecords.toLocaleString('en-US')} new, incremental)` : ''} into ${s.persons.toLocaleString('en-US')} persons.`,
    `  merged ${s.merged} persons, split ${s.unmerged}, ${s.newPersons} new; ${s.movedRecords} records changed person`,
    `  ${s.candidatePairs.toLocaleString('en-US')} pairs compared${s.blockingRecall === null ? '' : `, blocking recall est. ${(s.blockingRecall * 100).toFixed(1)}%`}`,
    `  review queue: ${s.reviewQueue} pairs waiting (${s.reviewAdded} added) — \`vigil review\``,
    `  time: load ${s.timings.loadMs} ms, link ${s.timings.linkMs} ms, write ${s.timings.writeMs} ms, total ${s.timings.totalMs} ms`,
  ].join('\n');
}

const FIELDS: [keyof ReviewPair['recordA'], string, string?][] = [
  ['familyName', 'family name', 'familyName'], ['givenName', 'given name', 'givenName'], ['patronymic', 'patronymic', 'patronymic'],
  ['fullName', 'full name'], ['birth', 'birth', 'birthDate'], ['birthPlace', 'birth place', 'birthPlace'], ['sex', 'sex'], ['unit', 'unit', 'unit'],
  ['rank', 'rank', 'rank'], ['serviceNumber', 'service no.', 'serviceNumber'], ['status', 'status'], ['statusDate', 'status date'], ['sourceTitle', 'source'],
];

/** Both records side by side, with the model's comparison level per field, and the weights. */
export function pairText(p: ReviewPair): string {
  const terms = new Map(p.explanation.map((e) => [e.comparison, e]));
  const rows = FIELDS.filter(([k]) => p.recordA[k] != null || p.recordB[k] != null).map(([k, label, comparison]) => {
    const e = comparison ? terms.get(comparison) : undefined;
    return [label, String(p.recordA[k] ?? '—'), String(p.recordB[k] ?? '—'), e?.level ? `${e.level} ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}` : ''];
  });
  const w = [0, 1, 2].map((c) => Math.max(c === 0 ? 0 : 8, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `  ${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padEnd(w[2])}  ${r[3]}`.trimEnd();
  const missing = p.explanation.filter((e) => e.level === null).map((e) => e.comparison);
  return [
    `${p.id}  p=${p.probability.toFixed(3)}  weight ${p.weight.toFixed(2)} (prior ${p.prior.toFixed(2)})${p.samePerson ? '  same person now' : ''}${p.status !== 'pending' ? `  [${p.status}]` : ''}`,
    line(['', 'record A', 'record B', 'model (log2 Bayes factor)']),
    ...rows.map(line),
    ...(missing.length ? [`  not compared (missing on a side): ${missing.join(', ')}`] : []),
  ].join('\n');
}

export function linkageCommands(program: Command): void {
  common(program.command('link'))
    .description('record linkage: with --input, link a CSV file (no workspace); else link the workspace\'s person records into persons')
    .option('--input <records.csv>', 'standalone: CSV with record_id and name, birth, unit … columns')
    .option('--output <clusters.csv>', 'standalone: where to write record_id,cluster_id')
    .option('--report <report.json>', 'standalone: trained parameters, pairs compared, blocking recall estimate, timings')
    .option('--incremental', 'workspace: link only records added since the last run, with its model (no retraining)')
    .option('--threshold <p>', 'match probability at which records link (default 0.8)')
    .option('--review-lower <p>', 'lower end of the review band (default 0.2)')
    .action(async (opts: LinkOptions) => {
      const threshold = probability(opts.threshold, '--threshold');
      const reviewLower = probability(opts.reviewLower, '--review-lower');
      if (opts.input) {
        if (!opts.output) throw new CliError('--input needs --output clusters.csv');
        if (opts.incremental) throw new CliError('--incremental links a workspace; it does not apply to --input');
        let report;
        try {
          report = await linkCsvFile({ input: opts.input, output: opts.output, report: opts.report, threshold, reviewLower });
        } catch (e) {
          if (e instanceof LinkCsvError) throw new CliError(`${opts.input}: ${e.message}`);
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new CliError(`cannot read or write ${(e as NodeJS.ErrnoException).path ?? opts.input}: ${code}`);
          throw e;
        }
        const summary = {
          records: report.records, clusters: report.clusters.clusters, candidatePairs: report.candidatePairs, linkedPairs: report.linkedPairs,
          reviewCandidates: report.reviewCandidates, blockingRecall: report.blockingRecall?.recall ?? null, output: opts.output,
          ...(opts.report ? { report: opts.report } : {}), timings: report.timingsMs,
        };
        output(opts, summary, () => `Linked ${report.records} records into ${summary.clusters} clusters (${report.candidatePairs} pairs compared, ${report.reviewCandidates} uncertain); wrote ${opts.output}${opts.report ? ` and ${opts.report}` : ''}.`);
        return;
      }
      if (opts.output || opts.report) throw new CliError('--output and --report go with --input (standalone CSV linkage)');
      const summary = await withWorkspace(opts, async (ws) => {
        const bar = progress();
        let stage: LinkStage | null = null;
        try {
          return await personsLinkage(ws.database.db).runs.run(SYSTEM, { incremental: opts.incremental ?? false, threshold, reviewLower }, {
            progress: (s, done, total) => {
              if (s !== stage) { if (stage) bar.stop(); stage = s; bar.start(total, STAGE_LABEL[s]); }
              bar.update(done);
            },
          });
        } finally {
          bar.stop();
        }
      });
      output(opts, summary, () => summaryText(summary));
    });

  common(program.command('review [action] [pairId]'))
    .description('the linkage review queue: list (default) pending pairs side by side; accept (same person), reject (different people) or skip a pair')
    .option('--limit <n>', 'pairs to list', '10')
    .option('--offset <n>', 'pairs to skip', '0')
    .option('--status <status>', 'list: pending, skipped, match, non_match or all', 'pending')
    .option('--note <text>', 'accept/reject: a note kept with the decision')
    .action(async (action: string | undefined, pairId: string | undefined, opts: GlobalOptions & { limit: string; offset: string; status: string; note?: string }) => {
      const act = action ?? 'list';
      if (act === 'list') {
        if (pairId) throw new CliError('review list takes no pair id');
        const page = await withWorkspace(opts, (ws) => personsLinkage(ws.database.db).review.list(SYSTEM, { limit: opts.limit, offset: opts.offset, status: opts.status }));
        output(opts, page, () => (page.items.length ? [...page.items.map(pairText), `${page.items.length} of ${page.total} pairs shown.`].join('\n\n') : `No ${opts.status === 'all' ? '' : `${opts.status} `}pairs to review.`));
        return;
      }
      const decision = ({ accept: 'match', reject: 'non_match', skip: 'skip' } as const)[act as 'accept' | 'reject' | 'skip'];
      if (!decision) throw new CliError(`unknown review action "${act}": list, accept, reject or skip`);
      if (!pairId) throw new CliError(`review ${act} needs a pair id (see \`vigil review list\`)`);
      const r = await withWorkspace(opts, (ws) => personsLinkage(ws.database.db).review.decide(SYSTEM, pairId, { decision, ...(opts.note ? { note: opts.note } : {}) }));
      output(opts, r, () => {
        if (r.decision === 'skip') return `Skipped pair ${r.id}.`;
        const g = r.regroup!;
        const what = g.merged ? `merged ${g.merged} person(s) into ${g.persons.join(', ')}` : g.unmerged ? `split into persons ${g.persons.join(', ')}` : `persons unchanged (${g.persons.join(', ')})`;
        return `Recorded: ${r.decision === 'match' ? 'same person' : 'different people'}; ${what}.`;
      });
    });

  const person = program.command('person').description('persons: merge and unmerge by hand (kept as decisions), merge history');
  common(person.command('merge <personId> <otherIds...>'))
    .description('merge persons into one (the oldest id is kept); later link runs keep them together')
    .option('--note <text>', 'why (kept with the history)')
    .action(async (personId: string, others: string[], opts: GlobalOptions & { note?: string }) => {
      const r = await withWorkspace(opts, (ws) => personsLinkage(ws.database.db).merges.merge(SYSTEM, personId, { persons: others, ...(opts.note ? { note: opts.note } : {}) }));
      output(opts, r, () => `Merged into person ${r.person} (${r.regroup.merged} person(s) removed, ${r.regroup.movedRecords} records moved, ${r.decisions} decisions recorded).`);
    });
  common(person.command('unmerge <personId>'))
    .description('take records out of a person into a new person; later link runs keep them apart')
    .requiredOption('--records <ids>', 'comma-separated record ids that leave the person')
    .option('--note <text>', 'why (kept with the history)')
    .action(async (personId: string, opts: GlobalOptions & { records: string; note?: string }) => {
      const records = opts.records.split(',').map((s) => s.trim()).filter(Boolean);
      const r = await withWorkspace(opts, (ws) => personsLinkage(ws.database.db).merges.unmerge(SYSTEM, personId, { records, ...(opts.note ? { note: opts.note } : {}) }));
      output(opts, r, () => `Person ${r.person} keeps its other records; ${r.regroup.movedRecords} record(s) now form person ${r.regroup.persons.filter((p) => p !== r.person).join(', ')} (${r.decisions} decisions recorded).`);
    });
  common(person.command('merges <personId>'))
    .description('merge and unmerge history of a person (also of a person merged away)')
    .action(async (personId: string, opts: GlobalOptions) => {
      const h = await withWorkspace(opts, (ws) => personsLinkage(ws.database.db).merges.history(SYSTEM, personId));
      output(opts, h, () => [
        h.exists ? `Person ${h.person}:` : `Person ${h.person} no longer exists${h.mergedInto ? `; merged into ${h.mergedInto}` : ''}.`,
        ...h.items.map((i) => `  ${i.at}  ${i.action.padEnd(8)} by ${i.actor}  ${JSON.stringify(i.details.by)}${i.details.note ? `  "${String(i.details.note)}"` : ''}`),
      ].join('\n'));
    });
}
