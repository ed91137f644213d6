import type { Command } from 'commander';
import { resolve } from 'node:path';
import { seedDemo } from '../demo';
import { openWorkspace, readWorkspaceMeta, workspaceStatus } from '../workspace';
import { CliError, common, info, output, withWorkspace, type GlobalOptions } from './common';
import { askLine } from './secret-input';
import { createFirstAdministrator, demoAccountsText, ensureDemoAccounts, firstAdministratorPassword } from './user.commands';

export function workspaceCommands(program: Command): void {
  common(program.command('init [path]'))
    .description('create an empty real workspace (database, files, keys) and its first administrator')
    .option('--admin <username>', 'user name of the first administrator (asked on a terminal when omitted)')
    .option('--password-file <file>', 'file holding the administrator\'s password (else VIGIL_PASSWORD or a prompt on the terminal)')
    .action(async (path: string | undefined, opts: GlobalOptions & { admin?: string; passwordFile?: string }) => {
      const dir = resolve(path ?? opts.data ?? process.env.VIGIL_DATA ?? './vigil-data');
      if (await readWorkspaceMeta(dir)) throw new CliError(`${dir} is already a Vigil workspace`);
      const admin = opts.admin ?? (await askLine('User name of the first administrator (empty: later, with `vigil user add`): '));
      const password = admin ? await firstAdministratorPassword(admin, opts) : null;
      const ws = await openWorkspace(dir, { create: 'real' });
      let st;
      try {
        const created = admin && password ? await createFirstAdministrator(ws, admin, password, opts) : null;
        st = { dir, id: ws.meta.id, kind: ws.meta.kind, database: await ws.database.describe(), ...(created ? { administrator: created.user, otpauthUri: created.otpauthUri } : {}) };
      } finally {
        await ws.close();
      }
      if (!admin) info(`No administrator yet: create one before \`vigil serve\`:\n  vigil user add NAME --role administrator --data ${dir}`);
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
        info(demoAccountsText(await ensureDemoAccounts(ws)));
        output(opts, { dir, ...counts }, () => `Demo workspace in ${dir}: ${counts.records} synthetic person records linked into ${counts.persons} persons (${counts.reviewQueue} pairs wait for review), ${counts.facilities} facilities, ${counts.allegations} allegations.`);
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
