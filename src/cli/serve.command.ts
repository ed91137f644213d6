import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server';
import { openWorkspace, readWorkspaceMeta, resolveDataDir } from '../workspace';
import { seedDemo } from '../demo';
import { common, info, type GlobalOptions } from './common';

export const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function serveCommand(program: Command): void {
  common(program.command('serve'))
    .description('serve the API and web app; a missing default folder becomes a demo workspace')
    .option('--port <n>', 'port (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .action(async (opts: GlobalOptions & { port?: string; host?: string }) => {
      const dir = resolveDataDir(opts.data);
      const fresh = !(await readWorkspaceMeta(dir)) && !existsSync(dir);
      const ws = await openWorkspace(dir, fresh ? { create: 'demo' } : {});
      if (fresh) {
        info(`Creating a demo workspace with synthetic data in ${dir} ...`);
        const counts = await seedDemo(ws);
        info(`Demo data: ${counts.records} person records, ${counts.facilities} facilities, ${counts.allegations} allegations (all invented).`);
      }
      const app = await buildApp({ workspace: ws, webRoot: WEB_ROOT, logger: true });
      const port = Number(opts.port ?? process.env.PORT ?? 8080);
      const host = opts.host ?? process.env.HOST ?? '127.0.0.1';
      const close = async () => {
        await app.close();
        await ws.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port, host });
      info(`Vigil serves ${ws.meta.kind === 'demo' ? 'a DEMO workspace (synthetic data)' : 'workspace'} ${dir} on http://${host}:${port}/ (${await ws.database.describe()})`);
    });
}
