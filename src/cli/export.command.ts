import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { ANONYMOUS, SYSTEM } from '../domain';
import { csvLine, EXPORT_TABLES, exportRows } from '../registry';
import { CliError, common, info, output, withWorkspace, type GlobalOptions } from './common';

export function exportCommand(program: Command): void {
  common(program.command('export'))
    .description('export the registry as JSON (one file) or CSV (one file per table in a folder)')
    .option('--format <format>', 'json or csv', 'json')
    .option('-o, --output <path>', 'output file (json) or folder (csv); json goes to stdout without it')
    .option('--public', 'only what the public may see: published public rows, as the anonymous API shows them')
    .action(async (opts: GlobalOptions & { format: string; output?: string; public?: boolean }) => {
      const actor = opts.public ? ANONYMOUS : SYSTEM;
      if (!['json', 'csv'].includes(opts.format)) throw new CliError(`--format must be json or csv, not "${opts.format}"`);
      if (opts.format === 'csv' && !opts.output) throw new CliError('--format csv needs -o FOLDER');
      await withWorkspace(opts, async (ws) => {
        const counts: Record<string, number> = {};
        if (opts.format === 'csv') {
          await mkdir(opts.output!, { recursive: true });
          for (const table of EXPORT_TABLES) {
            const out = createWriteStream(join(opts.output!, `${table}.csv`));
            let header: string[] | undefined;
            counts[table] = 0;
            for await (const rows of exportRows(ws.database.db, actor, table)) {
              for (const r of rows) {
                if (!header) { header = Object.keys(r); out.write(csvLine(header)); }
                if (!out.write(csvLine(header.map((h) => r[h])))) await once(out, 'drain');
                counts[table]++;
              }
            }
            out.end();
            await once(out, 'close');
          }
        } else {
          const out = opts.output ? createWriteStream(opts.output) : process.stdout;
          out.write(`{"workspace":${JSON.stringify({ id: ws.meta.id, kind: ws.meta.kind })},"exportedAt":${JSON.stringify(new Date().toISOString())},"tables":{`);
          for (const [i, table] of EXPORT_TABLES.entries()) {
            out.write(`${i ? ',' : ''}${JSON.stringify(table)}:[`);
            counts[table] = 0;
            for await (const rows of exportRows(ws.database.db, actor, table)) {
              for (const r of rows) out.write(`${counts[table]++ ? ',' : ''}${JSON.stringify(r)}`);
            }
            out.write(']');
          }
          out.write('}}\n');
          if (opts.output) { (out as ReturnType<typeof createWriteStream>).end(); await once(out, 'close'); }
        }
        if (opts.output) output(opts, { format: opts.format, output: opts.output, counts }, () => `Exported ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')} to ${opts.output}`);
        else info(`exported ${Object.values(counts).reduce((a, b) => a + b, 0)} rows`);
      });
    });
}
