import type { Command } from 'commander';
import { authOf } from '../workspace';
import { common, info, output, withWorkspace, type GlobalOptions } from './common';

/** The field-encryption keyring in keys/fields.keyring: status, rotation without downtime, retirement. */
export function keysCommands(program: Command): void {
  const keys = program.command('keys').description('field-encryption keys (witness identities, protected details, TOTP secrets)');

  common(keys.command('status'))
    .description('the active key, the keys in the ring, and how many encrypted values each one holds')
    .action(async (opts: GlobalOptions) => {
      const st = await withWorkspace(opts, (ws) => authOf(ws).keyRotation.status());
      output(opts, st, () => [`Active key: ${st.activeKeyId}`, ...st.keyIds.map((id) => `  ${id.padEnd(24)} ${st.valuesByKey[id] ?? 0} values${id === st.activeKeyId ? ' (active)' : ''}`)].join('\n'));
    });

  common(keys.command('rotate'))
    .description('add a new active key and re-encrypt every value under it (servers keep running and pick up the new key)')
    .option('--lazy', 'only add the key: values move to it as they are read (then `vigil keys reencrypt` later)')
    .action(async (opts: GlobalOptions & { lazy?: boolean }) => {
      await withWorkspace(opts, async (ws) => {
        const rotation = authOf(ws).keyRotation;
        const r = await rotation.rotate();
        info(`New active key ${r.active} (previous ${r.previous} stays for decryption).`);
        const moved = opts.lazy ? { changed: 0 } : await rotation.reencryptAll();
        const st = await rotation.status();
        output(opts, { ...r, reencrypted: moved.changed, status: st }, () =>
          `${opts.lazy ? 'Values move lazily.' : `Re-encrypted ${moved.changed} values.`} Retire the old key once it holds none: vigil keys retire ${r.previous}`);
      });
    });

  common(keys.command('reencrypt'))
    .description('re-encrypt every value that is not under the active key, in small batches')
    .action(async (opts: GlobalOptions) => {
      const moved = await withWorkspace(opts, (ws) => authOf(ws).keyRotation.reencryptAll());
      output(opts, moved, () => `Re-encrypted ${moved.changed} values.`);
    });

  common(keys.command('retire <keyId>'))
    .description('remove an old key from the ring (refused while any value still uses it)')
    .action(async (keyId: string, opts: GlobalOptions) => {
      await withWorkspace(opts, (ws) => authOf(ws).keyRotation.retire(keyId));
      output(opts, { retired: keyId }, () => `Key ${keyId} removed from the ring.`);
    });
}
