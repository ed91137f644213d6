import type { Command } from 'commander';
import { resolve } from 'node:path';
import { seedDemo } from '../demo';
import { openWorkspace, readWorkspaceMeta, workspaceStatus } from '../workspace';
import { CliError, common, output, withWorkspace, type GlobalOptions } from './common';

export function workspaceCommands(program: Command): void {
  common(program.command('init [path]'))
    .description('create an empty real workspace (database, files, keys)')
    .action(async (path: string | undefined, opts: GlobalOptions) => {
      const dir = resolve(path ?? opts.data ?? process.env.VIGIL_DATA ?? './vigil-data');
      if (await readWorkspaceMeta(dir)) throw new CliError(`${dir} is already a Vigil workspace`);
      const ws = await openWorkspace(dir, { create: 'real' });
      const st = { dir, id: ws.meta.id, kind: ws.meta.kind, database: await ws.database.describe() };
      await ws.close();
      output(opts, st, () => `Created a real workspace in ${dir} (${st.database}).`);
    });

  common(program.command('demo [path]'))
    .description('create a demo workspace filled with synthetic data')
    .action(async (path: string | undefined, opts: GlobalOptions) => {
      const dir = resolve(path ?? opts.data ?? process.env.VIGIL_DATA ?? './vigil-data');
      if (await readWorkspaceMeta(dir)) throw new CliError(`${dir} is already a Vigil workspace`);
      const ws = await openWorkspace(dir, { create: 'demo' });
      try {
        const counts = await seedDemo(ws);
        output(opts, { dir, ...counts }, () => `Demo workspace in ${dir}: ${counts.records} synthetic person records, ${counts.facilities} facilities, ${counts.allegations} allegations.`);
      } finally {
        await ws.close();
      }
    });

  common(program.command('migrate'))
    .description('apply pending database migrations (they also run on every start)')
    .action(async (opts: GlobalOptions) => {
      await withWorkspace(opts, async (ws) => output(opts, { ok: true, database: await ws.database.describe() }, () => `Database is up to date (${ws.database.kind}).`));
    });

  common(program.command('status'))
    .description('counts of every entity, log size, workspace kind and database kind')
    .action(async (opts: GlobalOptions) => {
      await withWorkspace(opts, async (ws) => {
        const st = await workspaceStatus(ws);
        output(opts, st, () => [
          `Workspace ${st.workspace.dir} (${st.workspace.kind}${st.workspace.kind === 'demo' ? ': synthetic data' : ''})`,
          `Database: ${st.database.description}`,
          ...Object.entries(st.counts).map(([k, v]) => `  ${k.padEnd(24)} ${v}`),
          `Log: ${st.log.size} leaves, ${st.log.checkpoints} checkpoints`,
        ].join('\n'));
      });
    });
}
