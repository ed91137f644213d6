import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runVigil } from '../helpers/cli';

// The CLI on PGlite (DATABASE_URL removed), with no terminal: passwords only from files or the environment.
const env = { DATABASE_URL: undefined, VIGIL_DATA: undefined, VIGIL_PASSWORD: undefined, VIGIL_BACKUP_PASSPHRASE: undefined };
const PASSWORD = 'synthetic admin passphrase 7';

describe('vigil user, keys, backup and restore', { timeout: 300_000 }, () => {
  let dir: string;
  let ws: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-auth-cli-'));
    ws = join(dir, 'real');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('init asks for the first administrator: --admin with the password from the environment, TOTP key printed', async () => {
    const r = await runVigil(['init', ws, '--admin', 'boss', '--json'], { ...env, VIGIL_PASSWORD: PASSWORD });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.administrator).toMatchObject({ username: 'boss', role: 'administrator' });
    expect(out.otpauthUri).toMatch(/^otpauth:\/\/totp\/Vigil:boss\?secret=[A-Z2-7]+/);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it('init without a password source refuses before creating anything; a weak password is refused too', async () => {
    const none = await runVigil(['init', join(dir, 'nopass'), '--admin', 'boss'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/--password-file FILE or the VIGIL_PASSWORD environment variable/);
    const weak = await runVigil(['init', join(dir, 'weak'), '--admin', 'boss'], { ...env, VIGIL_PASSWORD: 'password1' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    const st = await runVigil(['status', '--data', join(dir, 'nopass')], env);
    expect(st.stderr).toMatch(/not a Vigil workspace/);
  });

  it('serve refuses a real workspace without an administrator and says how to create one', async () => {
    const bare = join(dir, 'bare');
    const init = await runVigil(['init', bare], env);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/vigil user add NAME --role administrator/);
    const serve = await runVigil(['serve', '--data', bare, '--port', String(await freePort())], env);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toMatch(/no administrator yet/);
    expect(serve.stderr).toMatch(/vigil user add NAME --role administrator/);
  });

  it('manages users: add from a password file, list, role, reset (one-time password or TOTP key), disable', async () => {
    const noPw = await runVigil(['user', 'add', 'alice', '--role', 'analyst', '--data', ws], env);
    expect(noPw.code).toBe(1);
    expect(noPw.stderr).toMatch(/stdin is not read/);
    const pwFile = join(dir, 'alice.pw');
    await writeFile(pwFile, 'a synthetic long passphrase\n', { mode: 0o600 });
    const add = await runVigil(['user', 'add', 'alice', '--role', 'analyst', '--password-file', pwFile, '--data', ws, '--json'], env);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout).user).toMatchObject({ username: 'alice', role: 'analyst' });
    expect(JSON.parse(add.stdout).otpauthUri).toBeUndefined();
    const dup = await runVigil(['user', 'add', 'alice', '--role', 'analyst', '--password-file', pwFile, '--data', ws], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    expect(dup.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    const role = await runVigil(['user', 'role', 'alice', 'reviewer', '--data', ws, '--json'], env);
    expect(JSON.parse(role.stdout).role).toBe('reviewer');
    const reset = await runVigil(['user', 'reset', 'alice', '--data', ws, '--json'], env);
    expect(JSON.parse(reset.stdout).password).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/);
    const totpReset = await runVigil(['user', 'reset', 'alice', '--totp', '--data', ws, '--json'], env);
    expect(JSON.parse(totpReset.stdout).otpauthUri).toMatch(/^otpauth:\/\/totp\/Vigil:alice/);
    const disable = await runVigil(['user', 'disable', 'alice', '--data', ws], env);
    expect(disable.code, disable.stderr).toBe(0);
    const list = JSON.parse((await runVigil(['user', 'list', '--data', ws, '--json'], env)).stdout);
    expect(list.find((u: { username: string }) => u.username === 'alice')).toMatchObject({ role: 'reviewer', disabled: true, totpEnabled: true, mustChangePassword: true });
    expect(JSON.stringify(list)).not.toMatch(/argon2|passwordHash|totpSecret/);
    const last = await runVigil(['user', 'disable', 'boss', '--data', ws], env);
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/last active administrator/);
  });

  it('rotates the field keys without losing a value, then retires the old key', async () => {
    const before = JSON.parse((await runVigil(['keys', 'status', '--data', ws, '--json'], env)).stdout);
    expect(before.keyIds).toHaveLength(1);
    const encrypted = before.valuesByKey[before.activeKeyId];
    expect(encrypted).toBeGreaterThanOrEqual(2); // two TOTP secrets
    const rot = await runVigil(['keys', 'rotate', '--data', ws, '--json'], env);
    expect(rot.code, rot.stderr).toBe(0);
    const r = JSON.parse(rot.stdout);
    expect(r.reencrypted).toBe(encrypted);
    expect(r.status.valuesByKey).toEqual({ [r.active]: encrypted });
    const retire = await runVigil(['keys', 'retire', r.previous, '--data', ws], env);
    expect(retire.code, retire.stderr).toBe(0);
    expect(JSON.parse((await runVigil(['keys', 'status', '--data', ws, '--json'], env)).stdout).keyIds).toEqual([r.active]);
  });

  it('backup → restore gives an identical `vigil status --json`, and `vigil verify` passes on the copy', async () => {
    const pass = { ...env, VIGIL_BACKUP_PASSPHRASE: 'synthetic backup passphrase' };
    const before = await runVigil(['status', '--data', ws, '--json'], env);
    const file = join(dir, 'real.vigil-backup');
    const backup = await runVigil(['backup', '--data', ws, '-o', file, '--json'], pass);
    expect(backup.code, backup.stderr).toBe(0);
    await rename(ws, `${ws}.original`);
    const wrong = await runVigil(['restore', file, '--data', ws], { ...env, VIGIL_BACKUP_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
    const restore = await runVigil(['restore', file, '--data', ws, '--json'], pass);
    expect(restore.code, restore.stderr).toBe(0);
    const after = await runVigil(['status', '--data', ws, '--json'], env);
    expect(after.stdout).toBe(before.stdout);
    const verify = await runVigil(['verify', '--data', ws], env);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});
