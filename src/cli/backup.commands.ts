import type { Command } from 'commander';
import { resolve } from 'node:path';
import { backupWorkspace, resolveDataDir, restoreWorkspace } from '../workspace';
import { CliError, common, info, output, withWorkspace, type GlobalOptions } from './common';
import { readSecret } from './secret-input';

interface PassphraseOptions { passphraseFile?: string }

const passphrase = (opts: PassphraseOptions, confirm: boolean) =>
  readSecret({ file: opts.passphraseFile, env: 'VIGIL_BACKUP_PASSPHRASE', prompt: 'Backup passphrase: ', confirm, fileFlag: '--passphrase-file' });

export function backupCommands(program: Command): void {
  common(program.command('backup'))
    .description('write the whole workspace (database, files, keys) to one file sealed with a passphrase (scrypt + AES-256-GCM)')
    .requiredOption('-o, --output <file>', 'the backup file to write')
    .option('--passphrase-file <file>', 'file holding the passphrase (else VIGIL_BACKUP_PASSPHRASE or a prompt on the terminal)')
    .action(async (opts: GlobalOptions & PassphraseOptions & { output: string }) => {
      const secret = await passphrase(opts, true);
      if (secret.length < 12) throw new CliError('use a passphrase of at least 12 characters: it is all that protects the copy');
      const output_ = resolve(opts.output);
      const manifest = await withWorkspace(opts, async (ws) => {
        info(`Backing up ${ws.dir} …`);
        return backupWorkspace(ws, { passphrase: secret, output: output_ });
      });
      const rows = manifest.tables.reduce((a, t) => a + t.rows, 0);
      output(opts, { output: output_, manifest }, () => [
        `Backup written to ${output_}: ${manifest.tables.length} tables (${rows} rows), ${manifest.files.length} files, ${manifest.keys.length} key files.`,
        ...(manifest.blobs === 'not-in-backup-s3' ? ['Evidence blobs are on S3 and NOT in this file: back up the bucket as well.'] : []),
        'Keep the passphrase apart from the file: without it the backup cannot be opened, with it anyone can.',
      ].join('\n'));
    });

  common(program.command('restore <backup>'))
    .description('restore a backup into a new workspace folder (--data) and an empty database (DATABASE_URL, or PGlite in the folder); checks it against the status recorded in the backup')
    .option('--passphrase-file <file>', 'file holding the passphrase (else VIGIL_BACKUP_PASSPHRASE or a prompt on the terminal)')
    .option('--database-url <url>', 'PostgreSQL database to restore into (must be empty; default DATABASE_URL)')
    .option('--pglite', 'restore into PGlite inside the folder even when DATABASE_URL is set')
    .action(async (backup: string, opts: GlobalOptions & PassphraseOptions & { databaseUrl?: string; pglite?: boolean }) => {
      const secret = await passphrase(opts, false);
      const target = resolveDataDir(opts.data);
      info(`Restoring ${resolve(backup)} into ${target} …`);
      const r = await restoreWorkspace(resolve(backup), target, { passphrase: secret, databaseUrl: opts.pglite ? null : opts.databaseUrl });
      output(opts, r.status, () => `Restored workspace ${r.status.workspace.id} (${r.status.workspace.kind}) into ${target}; its status matches the backup (data version ${r.status.dataVersion}). Run \`vigil verify --data ${target}\` to audit the evidence log.`);
    });
}
