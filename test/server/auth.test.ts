import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { totp, type AuthRoom } from '../../src/auth';
import { queryRows } from '../../src/db';
import { SYSTEM } from '../../src/domain';
import { buildApp } from '../../src/server';
import { authOf } from '../../src/workspace';
import { backends, openTestWorkspace } from '../helpers/db';
import { createAccount, PASSWORD, secretOf, sessionCookie, signIn, type TestAccount } from '../helpers/auth';

// Synthetic accounts only. The clock is the test's: throttling and TOTP steps move with it.
describe.each(backends())('sign-in, sessions and CSRF on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let auth: AuthRoom;
  let app: FastifyInstance;
  let now = Date.parse('2025-03-01T10:00:00Z');
  const tick = (ms: number) => { now += ms; };
  let investigator: TestAccount;
  let analyst: TestAccount;

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    auth = authOf(ws, { now: () => now });
    app = await buildApp({ workspace: ws, auth, rateLimit: { loginMax: 10_000 } });
    investigator = await createAccount(auth, 'investigator');
    analyst = await createAccount(auth, 'analyst');
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  }, 600_000);

  const login = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });
  const count = async (q: string) => Number((await queryRows<{ n: number }>(ws.database.db, q))[0].n);

  it('signs in with an HttpOnly SameSite=Strict cookie whose token the database holds only as a hash', async () => {
    const res = await login({ username: analyst.username, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: analyst.username, role: 'analyst' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === 'vigil_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = await queryRows<Record<string, unknown>>(ws.database.db, sql`select * from sessions`);
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(cookie.value).digest('hex'));
    const session = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `vigil_session=${cookie.value}` } });
    expect(session.json()).toMatchObject({ user: { username: analyst.username }, csrfToken: body.csrfToken, workspaceKind: 'real', actingAs: 'analyst' });
  });

  it('sets a Secure __Host- cookie and HSTS over HTTPS (behind a trusted proxy)', async () => {
    const tls = await buildApp({ workspace: ws, auth, trustProxy: true, rateLimit: { loginMax: 10_000 } });
    try {
      const res = await tls.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: analyst.username, password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === '__Host-vigil_session')!;
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const plain = await app.inject({ method: 'GET', url: '/api/health' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await tls.close();
    }
  });

  it('answers the session of nobody with user null, and a real workspace acts as the public without one', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(res.json()).toEqual({ user: null, csrfToken: null, workspaceKind: 'real', actingAs: 'public', expiresAt: null });
    expect((await app.inject({ method: 'GET', url: '/api/v1/custody-episodes' })).statusCode).toBe(401);
  });

  it('issues a new session id at every sign-in and ends the one presented (no session fixation)', async () => {
    const first = sessionCookie(await login({ username: analyst.username, password: PASSWORD }))!;
    const res = await login({ username: analyst.username, password: PASSWORD }, { cookie: `vigil_session=${first}` });
    const second = sessionCookie(res)!;
    expect(second).not.toBe(first);
    const old = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `vigil_session=${first}` } });
    expect(old.json().user).toBeNull();
    // A token chosen by an attacker and planted in the browser is never adopted.
    const planted = 'A'.repeat(43);
    const after = sessionCookie(await login({ username: analyst.username, password: PASSWORD }, { cookie: `vigil_session=${planted}` }))!;
    expect(after).not.toBe(planted);
  });

  it('requires TOTP for an investigator: the password alone gives a session that acts as nobody', async () => {
    tick(60_000);
    const res = await login({ username: investigator.username, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ needsTotp: true, totpEnrolled: true });
    const pending = sessionCookie(res)!;
    const headers = { cookie: `vigil_session=${pending}`, 'x-csrf-token': res.json().csrfToken };
    expect((await app.inject({ method: 'GET', url: '/api/v1/custody-episodes', headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers })).json()).toMatchObject({ actingAs: 'public', needsTotp: true });
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    const code = totp(investigator.totpSecret!, now);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers, payload: { code } });
    expect(ok.statusCode).toBe(200);
    const active = sessionCookie(ok)!;
    expect(active).not.toBe(pending); // the rise in privilege issues a new session too
    expect((await app.inject({ method: 'GET', url: '/api/v1/custody-episodes', headers: { cookie: `vigil_session=${active}` } })).statusCode).toBe(200);
    // The same code is never accepted twice.
    const replay = await login({ username: investigator.username, password: PASSWORD, totp: code });
    expect(replay.statusCode).toBe(401);
  });

  it('lets a new administrator enrol TOTP at the first sign-in, confirmed by a code', async () => {
    const admin = await auth.users.create(SYSTEM, { username: 'first-admin', password: PASSWORD, role: 'administrator' });
    const res = await login({ username: 'first-admin', password: PASSWORD });
    expect(res.json()).toMatchObject({ needsTotp: true, totpEnrolled: false });
    const headers = { cookie: `vigil_session=${sessionCookie(res)}`, 'x-csrf-token': res.json().csrfToken };
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers })).statusCode).toBe(401);
    const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers });
    expect(enrol.statusCode).toBe(200);
    expect(enrol.json().otpauthUri).toMatch(/^otpauth:\/\/totp\/Vigil:first-admin\?secret=/);
    const secret = secretOf(enrol.json().otpauthUri);
    const stored = await queryRows<{ totp_secret_enc: string }>(ws.database.db, sql`select totp_secret_enc from users where id = ${admin.id}`);
    expect(stored[0].totp_secret_enc).toMatch(/^v1:/);
    expect(stored[0].totp_secret_enc).not.toContain(enrol.json().secret);
    const confirm = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers, payload: { code: totp(secret, now) } });
    expect(confirm.statusCode).toBe(200);
    const users = await app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: `vigil_session=${sessionCookie(confirm)}` } });
    expect(users.statusCode).toBe(200);
    expect(JSON.stringify(users.json())).not.toMatch(/passwordHash|password_hash|totpSecret|totp_secret|\$argon2/i);
    // Enrolment cannot replace a confirmed secret (an attacker with the password alone cannot take over the second factor).
    tick(30_000);
    const again = await login({ username: 'first-admin', password: PASSWORD });
    const h2 = { cookie: `vigil_session=${sessionCookie(again)}`, 'x-csrf-token': again.json().csrfToken };
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers: h2 })).statusCode).toBe(409);
  });

  it('refuses a mutating request with a session cookie but no or a wrong CSRF token (403), and a foreign Origin', async () => {
    tick(30_000);
    const s = await signIn(app, investigator, now);
    const payload = { kind: 'list', title: 'Synthetic CSRF test list' };
    const noToken = await app.inject({ method: 'POST', url: '/api/v1/sources', headers: { cookie: s.headers.cookie }, payload });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().detail).toMatch(/CSRF/);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/sources', headers: { cookie: s.headers.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload });
    expect(wrong.statusCode).toBe(403);
    const foreign = await app.inject({ method: 'POST', url: '/api/v1/sources', headers: { ...s.headers, origin: 'https://evil.example' }, payload });
    expect(foreign.statusCode).toBe(403);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/sources', headers: s.headers, payload });
    expect(ok.statusCode).toBe(201);
    const logoutNoToken = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.headers.cookie } });
    expect(logoutNoToken.statusCode).toBe(403);
  });

  it('throttles guessing: delays after 3 failures (429 with Retry-After), locks after 10, even for the right password', async () => {
    const victim = await createAccount(auth, 'reviewer', { username: 'victim-reviewer' });
    const wrong = { username: victim.username, password: 'wrong password guess' };
    const auditBefore = await count('select count(*)::int as n from audit_events');
    for (let i = 0; i < 4; i++) expect((await login(wrong)).statusCode, `attempt ${i + 1}`).toBe(401);
    const delayed = await login({ username: victim.username, password: PASSWORD });
    expect(delayed.statusCode).toBe(429);
    expect(Number(delayed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    let locked = false;
    for (let i = 0; i < 20 && !locked; i++) {
      tick(61_000);
      const r = await login(wrong);
      if (r.statusCode === 429) locked = true;
      else expect(r.statusCode).toBe(401);
      tick(1);
      if ((await login(wrong)).json().detail?.match(/locked/)) locked = true;
    }
    expect(locked).toBe(true);
    tick(61_000);
    const refused = await login({ username: victim.username, password: PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/locked/);
    expect((await auth.users.get(SYSTEM, victim.username)).lockedUntil).not.toBeNull();
    tick(16 * 60_000);
    expect((await login({ username: victim.username, password: PASSWORD })).statusCode).toBe(200);
    // Every attempt was audited; no password appears in the audit log.
    expect(await count('select count(*)::int as n from audit_events')).toBeGreaterThan(auditBefore + 10);
    const events = await queryRows<{ diff: unknown }>(ws.database.db, sql`select diff from audit_events where entity = 'session'`);
    expect(JSON.stringify(events)).not.toContain('wrong password guess');
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    tick(3_600_000);
    const unknown = await login({ username: 'nobody-here', password: 'some password' });
    const wrongPw = await login({ username: analyst.username, password: 'some password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrongPw.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrongPw.json().detail);
  });

  it('changes a password only with the current one and the policy, ending other sessions', async () => {
    tick(3_600_000);
    const user = await createAccount(auth, 'analyst', { username: 'changer' });
    const a = await signIn(app, user, now);
    const b = await signIn(app, user, now);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: a.headers, payload: { currentPassword: 'not it', newPassword: 'a brand new passphrase 7' } });
    expect(bad.statusCode).toBe(401);
    const weak = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: a.headers, payload: { currentPassword: PASSWORD, newPassword: 'password123' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('newPassword');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: a.headers, payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase 7' } });
    expect(ok.statusCode).toBe(200);
    expect(sessionCookie(ok)).not.toBe(a.cookie);
    for (const old of [a, b]) expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: old.headers })).json().user).toBeNull();
    expect((await login({ username: 'changer', password: 'a brand new passphrase 7' })).statusCode).toBe(200);
  });

  it('forces a new password after a reset, and ends the sessions of a disabled user at once', async () => {
    tick(3_600_000);
    const user = await createAccount(auth, 'reviewer', { username: 'resettable' });
    const before = await signIn(app, user, now);
    const { password } = await auth.users.resetPassword(SYSTEM, user.username);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: before.headers })).json().user).toBeNull();
    const res = await login({ username: user.username, password });
    expect(res.json()).toMatchObject({ mustChangePassword: true });
    const headers = { cookie: `vigil_session=${sessionCookie(res)}`, 'x-csrf-token': res.json().csrfToken };
    expect((await app.inject({ method: 'GET', url: '/api/v1/custody-episodes', headers })).statusCode).toBe(401);
    const changed = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: { currentPassword: password, newPassword: 'another long passphrase 9' } });
    expect(changed.statusCode).toBe(200);
    const active = { cookie: `vigil_session=${sessionCookie(changed)}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/custody-episodes', headers: active })).statusCode).toBe(200);
    await auth.users.setDisabled(SYSTEM, user.username, true);
    expect((await app.inject({ method: 'GET', url: '/api/v1/custody-episodes', headers: active })).statusCode).toBe(401);
    expect((await login({ username: user.username, password: 'another long passphrase 9' })).statusCode).toBe(401);
  });

  it('signs out: the cookie is cleared and the session ends', async () => {
    tick(3_600_000);
    const s = await signIn(app, analyst, now);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'vigil_session')?.value).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: s.headers })).json().user).toBeNull();
  });

  it('refuses oversized bodies with 413 before parsing them', async () => {
    const big = await login({ username: 'x', password: 'y'.repeat(20_000) });
    expect(big.statusCode).toBe(413);
    tick(3_600_000);
    const s = await signIn(app, investigator, now);
    const huge = await app.inject({ method: 'POST', url: '/api/v1/sources', headers: { ...s.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ kind: 'list', title: 'x', notes: 'n'.repeat(3 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
    // A caller without the right is refused before the body is read at all.
    const analystSession = await signIn(app, analyst, now);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/sources', headers: { ...analystSession.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ kind: 'list', title: 'x', notes: 'n'.repeat(3 * 1024 * 1024) }) });
    expect(refused.statusCode).toBe(403);
  });
});

describe('rate limits', () => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  beforeAll(async () => { ws = await openTestWorkspace('pglite'); });
  afterAll(async () => ws?.dispose());

  it('limit every route per address, the sign-in route more strictly; the allow-list is configurable', async () => {
    const app = await buildApp({ workspace: ws, rateLimit: { max: 5, loginMax: 2 } });
    try {
      const codes = [];
      for (let i = 0; i < 6; i++) codes.push((await app.inject({ method: 'GET', url: '/api/health' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
      const logins = [];
      for (let i = 0; i < 3; i++) logins.push((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } })).statusCode);
      expect(logins).toEqual([401, 401, 429]);
    } finally {
      await app.close();
    }
    const allowed = await buildApp({ workspace: ws, rateLimit: { max: 2, allowList: ['127.0.0.1'] } });
    try {
      for (let i = 0; i < 5; i++) expect((await allowed.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await allowed.close();
    }
  });
});
