import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { base32Decode, totp, type AuthRoom, type Role } from '../../src/auth';
import { SYSTEM } from '../../src/domain';

/** A test account: its password, and its TOTP secret when it has one. Synthetic. */
export interface TestAccount { id: string; username: string; password: string; role: Role; totpSecret?: Buffer }

export const PASSWORD = 'correct horse battery staple 42';

export function secretOf(otpauthUri: string): Buffer {
  return base32Decode(new URL(otpauthUri).searchParams.get('secret')!);
}

/** Creates a user (with TOTP set up when `withTotp`, default for roles that must use it). */
export async function createAccount(auth: AuthRoom, role: Role, options: { username?: string; withTotp?: boolean } = {}): Promise<TestAccount> {
  const username = options.username ?? `${role}-${Math.random().toString(36).slice(2, 8)}`;
  const user = await auth.users.create(SYSTEM, { username, password: PASSWORD, role });
  const withTotp = options.withTotp ?? (role === 'administrator' || role === 'investigator');
  const totpSecret = withTotp ? secretOf((await auth.users.resetTotp(SYSTEM, user.id)).otpauthUri) : undefined;
  return { id: user.id, username, password: PASSWORD, role, totpSecret };
}

export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name.endsWith('vigil_session'))?.value;
}

export interface SignedIn { cookie: string; csrf: string; headers: Record<string, string> }

/** Signs in through the API (password and, when the account has one, a TOTP code at `nowMs`). */
export async function signIn(app: FastifyInstance, account: TestAccount, nowMs = Date.now()): Promise<SignedIn> {
  const res = await app.inject({
    method: 'POST', url: '/api/v1/auth/login',
    payload: { username: account.username, password: account.password, ...(account.totpSecret ? { totp: totp(account.totpSecret, nowMs) } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${account.username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  if (body.needsTotp) throw new Error(`sign-in of ${account.username} still needs TOTP`);
  const cookie = sessionCookie(res)!;
  return { cookie, csrf: body.csrfToken, headers: { cookie: `vigil_session=${cookie}`, 'x-csrf-token': body.csrfToken } };
}
