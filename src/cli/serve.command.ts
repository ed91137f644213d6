import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authOf, openWorkspace, readWorkspaceMeta, resolveDataDir } from '../workspace';
import { CliError, common, info, type GlobalOptions } from './common';
import { demoAccountsText, ensureDemoAccounts } from './user.commands';

export const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function serveCommand(program: Command): void {
  common(program.command('serve'))
    .description('serve the API and web app; a missing default folder becomes a demo workspace')
    .option('--port <n>', 'port (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .option('--trust-proxy <proxy>', 'address(es) of a reverse proxy whose X-Forwarded-For/-Proto to believe (env VIGIL_TRUST_PROXY)')
    .option('--rate-limit-allow <addresses>', 'comma-separated client addresses exempt from rate limits (env VIGIL_RATE_LIMIT_ALLOW; default none)')
    .action(async (opts: GlobalOptions & { port?: string; host?: string; trustProxy?: string; rateLimitAllow?: string }) => {
      const dir = resolveDataDir(opts.data);
      const fresh = !(await readWorkspaceMeta(dir)) && !existsSync(dir);
      const ws = await openWorkspace(dir, fresh ? { create: 'demo' } : {});
      if (fresh) {
        const { seedDemo } = await import('../demo');
        info(`Creating a demo workspace with synthetic data in ${dir} ...`);
        const steps = { records: 'synthetic records', linkage: 'record linkage', findings: 'findings' } as const;
        const counts = await seedDemo(ws, { onStep: (s) => info(`  ... ${steps[s]}`) });
        info(`Demo data: ${counts.records} person records linked into ${counts.persons} persons (${counts.reviewQueue} pairs wait for review), ${counts.facilities} facilities, ${counts.allegations} allegations (all invented).`);
      }
      if (ws.meta.kind === 'real' && (await authOf(ws).users.administratorCount()) === 0) {
        await ws.close();
        throw new CliError(`this workspace has no administrator yet, so nobody could sign in. Create one first (never a default password):\n  vigil user add NAME --role administrator --data ${dir}\nThe password comes from --password-file FILE, the VIGIL_PASSWORD environment variable, or a prompt on the terminal.`);
      }
      if (ws.meta.kind === 'demo') info(demoAccountsText(await ensureDemoAccounts(ws)));
      const trustProxy = opts.trustProxy ?? process.env.VIGIL_TRUST_PROXY;
      const allowList = (opts.rateLimitAllow ?? process.env.VIGIL_RATE_LIMIT_ALLOW ?? '').split(',').map((a) => a.trim()).filter(Boolean);
      // The server (Fastify and its plugins) loads only here, so other commands do not carry it.
      const { buildApp } = await import('../server');
      const app = await buildApp({ workspace: ws, webRoot: WEB_ROOT, logger: true, rateLimit: { allowList }, ...(trustProxy ? { trustProxy: trustProxy.split(',').map((a) => a.trim()) } : {}) });
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
