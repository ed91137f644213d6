import type { Command } from 'commander';
import { checkPasswordPolicy, DEMO_ACCOUNTS, roleNeedsSecondFactor, ROLES, type PublicUser } from '../auth';
import { SYSTEM } from '../domain';
import { authOf, type Workspace } from '../workspace';
import { CliError, common, info, output, withWorkspace, type GlobalOptions } from './common';
import { readSecret } from './secret-input';

interface PasswordOptions { passwordFile?: string }

const passwordSource = (opts: PasswordOptions, prompt = 'Password: ') =>
  ({ file: opts.passwordFile, env: 'VIGIL_PASSWORD', prompt, confirm: true, fileFlag: '--password-file' });

function checkRole(role: string): asserts role is (typeof ROLES)[number] {
  if (!(ROLES as readonly string[]).includes(role)) throw new CliError(`role must be one of ${ROLES.join(', ')}, not "${role}"`);
}

/**
 * Creates a user from the command line (the operator, with access to the workspace folder, acts as
 * the system). Roles that must use TOTP get their secret at once, printed as an otpauth URI for
 * their authenticator, so that nobody who learns the password can enrol a second factor first.
 */
export async function addUser(ws: Workspace, input: { username: string; role: string; displayName?: string; password: string; totp: boolean }): Promise<{ user: PublicUser; otpauthUri?: string }> {
  checkRole(input.role);
  const auth = authOf(ws);
  const user = await auth.users.create(SYSTEM, { username: input.username, password: input.password, role: input.role, displayName: input.displayName });
  if (!input.totp) return { user };
  const { otpauthUri } = await auth.users.resetTotp(SYSTEM, user.id);
  return { user, otpauthUri };
}

function printCreated(r: { user: PublicUser; otpauthUri?: string }): string {
  const lines = [`Created ${r.user.role} ${r.user.username}.`];
  if (r.otpauthUri) {
    lines.push('Two-factor sign-in: add this key to the user\'s authenticator app (shown once; keep it out of chats and e-mail):', `  ${r.otpauthUri}`);
  }
  return lines.join('\n');
}

/** The password of the first administrator of a new workspace, read and checked against the policy before anything is created. */
export async function firstAdministratorPassword(username: string, opts: PasswordOptions): Promise<string> {
  const password = await readSecret(passwordSource(opts, `Password for ${username}: `));
  const check = checkPasswordPolicy(password, { username });
  if (!check.ok) throw new CliError(`the password does not meet the policy:\n${check.problems.map((p) => `  ${p.message}`).join('\n')}`);
  return password;
}

/** The first administrator of a new real workspace (`vigil init --admin NAME`). */
export async function createFirstAdministrator(ws: Workspace, username: string, password: string, opts: GlobalOptions): Promise<{ user: PublicUser; otpauthUri?: string }> {
  const created = await addUser(ws, { username, role: 'administrator', password, totp: roleNeedsSecondFactor('administrator', ws.meta.kind) });
  if (!opts.json) info(printCreated(created));
  return created;
}

/** The demo accounts of a demo workspace, created once; their passwords are printed because the data is synthetic. */
export async function ensureDemoAccounts(ws: Workspace): Promise<typeof DEMO_ACCOUNTS> {
  return authOf(ws).users.ensureDemoAccounts(SYSTEM);
}

export function demoAccountsText(accounts: typeof DEMO_ACCOUNTS): string {
  return ['Demo accounts (demo workspace, synthetic data only):', ...accounts.map((a) => `  ${a.username.padEnd(20)} password: ${a.password}`)].join('\n');
}

export function userCommands(program: Command): void {
  const user = program.command('user').description('user accounts: add, list, role, disable, reset');

  common(user.command('add <username>'))
    .description('create a user; the password comes from --password-file, VIGIL_PASSWORD or a prompt on the terminal')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--display-name <name>', 'name shown in the interface')
    .option('--password-file <file>', 'file holding the password (one line)')
    .option('--no-totp', 'administrators and investigators set up TOTP at their first sign-in instead of now')
    .action(async (username: string, opts: GlobalOptions & PasswordOptions & { role: string; displayName?: string; totp: boolean }) => {
      checkRole(opts.role);
      const password = await readSecret(passwordSource(opts));
      const created = await withWorkspace(opts, (ws) => addUser(ws, {
        username, role: opts.role, displayName: opts.displayName, password, totp: opts.totp && roleNeedsSecondFactor(opts.role, ws.meta.kind),
      }));
      output(opts, created, () => printCreated(created));
    });

  common(user.command('list'))
    .description('every user with role, state and two-factor set-up')
    .action(async (opts: GlobalOptions) => {
      const users = await withWorkspace(opts, (ws) => authOf(ws).users.list(SYSTEM));
      output(opts, users, () => users.length === 0 ? 'No users yet.' : users.map((u) =>
        `${u.username.padEnd(24)} ${u.role.padEnd(14)} ${u.disabled ? 'disabled' : 'active  '} ${u.totpEnabled ? 'TOTP' : '    '}${u.mustChangePassword ? ' must change password' : ''}${u.lockedUntil ? ` locked until ${u.lockedUntil}` : ''}`).join('\n'));
    });

  common(user.command('role <username> <role>'))
    .description('give a user another role (their sessions end)')
    .action(async (username: string, role: string, opts: GlobalOptions) => {
      checkRole(role);
      const u = await withWorkspace(opts, (ws) => authOf(ws).users.setRole(SYSTEM, username, { role }));
      output(opts, u, () => `${u.username} is now ${u.role}.`);
    });

  common(user.command('disable <username>'))
    .description('disable a user (they cannot sign in; their sessions end at once)')
    .option('--enable', 'enable the user again')
    .action(async (username: string, opts: GlobalOptions & { enable?: boolean }) => {
      const u = await withWorkspace(opts, (ws) => authOf(ws).users.setDisabled(SYSTEM, username, !opts.enable));
      output(opts, { ...u, disabled: !opts.enable }, () => `${u.username} is ${opts.enable ? 'enabled' : 'disabled'}.`);
    });

  common(user.command('reset <username>'))
    .description('print a one-time password (to be changed at the next sign-in), or with --totp a new TOTP key; lifts a lock-out')
    .option('--totp', 'reset two-factor sign-in instead: prints a new otpauth:// URI for the authenticator')
    .action(async (username: string, opts: GlobalOptions & { totp?: boolean }) => {
      await withWorkspace(opts, async (ws) => {
        const users = authOf(ws).users;
        if (opts.totp) {
          const r = await users.resetTotp(SYSTEM, username);
          output(opts, r, () => `New two-factor key for ${r.user.username} (shown once):\n  ${r.otpauthUri}`);
        } else {
          const r = await users.resetPassword(SYSTEM, username);
          output(opts, r, () => `One-time password for ${r.user.username} (shown once; it must be changed at the next sign-in):\n  ${r.password}`);
        }
      });
    });
}
