/**
 * Sign-in, sessions and the second factor.
 *
 * - The browser holds a random token in an HttpOnly cookie; the database only its SHA-256.
 * - Every sign-in issues a NEW session (a token presented with the request is ended first), and so
 *   does every rise in privilege (second factor passed, password changed): no session fixation.
 * - Roles that see restricted material (administrator, investigator) must pass TOTP before the
 *   session acts; so must any user who enrolled TOTP. Until then the session is "waiting for the
 *   second factor" and acts as nobody; it may only enrol, confirm or enter a code, or sign out.
 * - Attempts are throttled per account and per client address (state in `throttle_state`, keyed by
 *   keyed hashes, not names or addresses), before the password is even looked at; a throttled
 *   attempt is refused with 429 and not verified.
 * - Every sign-in, failure, sign-out and second-factor step is an audit event (never a password,
 *   code or address; the address only as a keyed hash).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { audit, inTransaction, type Db } from '../db';
import { ANONYMOUS as DOMAIN_ANONYMOUS, ForbiddenError, type Actor as DomainActor } from '../domain';
import { roleNeedsSecondFactor, userActor } from './actor-mapping';
import { SignInFailedError, ThrottledError } from './errors';
import { verifyPassword, verifyPasswordOfUnknownUser } from './password';
import { isRole, type Role } from './roles';
import { isSessionValid, sessionExpiresAt, SESSION_LIFETIME, shouldTouchSession, type SessionLifetime } from './session-lifetime';
import { deriveCsrfToken, generateSessionToken, hashSessionToken, isWellFormedSessionToken, verifyCsrfToken } from './session-token';
import {
  ACCOUNT_THROTTLE, checkLogin, IP_THROTTLE, recordLoginFailure, recordLoginSuccess, type LoginThrottleConfig, type ThrottleState,
} from './throttle';
import { throttleRepository } from './throttle.repository';
import { sessionRepository, userRepository, type SessionRow, type UserRow } from './user.repository';
import { loginInput, passwordChangeInput, totpCodeInput, type PublicUser } from './user.schema';
import { toPublicUser, type UserService } from './user.service';
import { validate } from './validate';
import type { FieldCipher } from './field-cipher';

export type SessionStage = 'active' | 'needs_totp' | 'must_change_password';

/** What a client may know about its session. */
export interface SessionView {
  sessionId: string;
  user: PublicUser;
  stage: SessionStage;
  /** The user has a confirmed TOTP secret (else a session waiting for the second factor must enrol first). */
  totpEnrolled: boolean;
  expiresAt: string;
}

export interface ResolvedSession extends SessionView {
  /** The actor of an active session; null while it waits for the second factor or a new password. */
  actor: DomainActor | null;
}

export interface IssuedSession {
  /** Goes into the cookie; never stored. */
  token: string;
  view: SessionView;
  csrfToken: string;
}

export interface RequestContext {
  /** The client address (kept only as a keyed hash). */
  ip: string;
  /** The session token the request presented, if any: ended when a new session is issued. */
  presentedToken?: string | null;
}

export interface SessionServiceOptions {
  workspaceKind: 'demo' | 'real';
  now?: () => number;
  lifetime?: SessionLifetime;
  throttle?: LoginThrottleConfig;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

export class SessionService {
  private readonly now: () => number;
  private readonly lifetime: SessionLifetime;
  private readonly throttle: LoginThrottleConfig;

  constructor(private readonly db: Db, private readonly cipher: FieldCipher, private readonly users: UserService, private readonly options: SessionServiceOptions) {
    this.now = options.now ?? Date.now;
    this.lifetime = options.lifetime ?? SESSION_LIFETIME;
    this.throttle = options.throttle ?? { account: ACCOUNT_THROTTLE, ip: IP_THROTTLE };
  }

  /** Signs in with user name, password and (when required) a TOTP code; always a new session. */
  async login(input: unknown, ctx: RequestContext): Promise<IssuedSession> {
    const v = validate(loginInput, input);
    const keys = await this.throttleKeys(v.username.trim().toLowerCase(), ctx.ip);
    const outcome = await inTransaction(this.db, async (tx): Promise<Outcome<IssuedSession>> => {
      const now = this.now();
      const state = await this.checkThrottle(tx, keys, now);
      if (!state.ok) return state;
      const user = await userRepository.byUsername(tx, v.username.trim());
      const passwordOk = user ? await verifyPassword(user.passwordHash, v.password) : await verifyPasswordOfUnknownUser(v.password);
      const usable = user && passwordOk && !user.disabled && isRole(user.role);
      if (!usable) {
        await this.recordFailure(tx, keys, state.value, now, user, !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled');
        return { ok: false, error: new SignInFailedError() };
      }
      let secondFactor = false;
      if (v.totp !== undefined && user.totpEnabled) {
        const locked = (await userRepository.getForUpdate(tx, user.id))!;
        if (!(await this.users.checkTotp(tx, locked, v.totp))) {
          await this.recordFailure(tx, keys, state.value, now, user, 'wrong_code');
          return { ok: false, error: new SignInFailedError() };
        }
        secondFactor = true;
      }
      await this.users.rehashIfNeeded(tx, user, v.password);
      if (ctx.presentedToken && isWellFormedSessionToken(ctx.presentedToken)) await sessionRepository.deleteByTokenHash(tx, hashSessionToken(ctx.presentedToken));
      const issued = await this.issue(tx, user, secondFactor, now);
      // The account's failure count is cleared only by a complete sign-in: a password alone must not
      // reset the count of wrong codes that follow it.
      if (issued.view.stage !== 'needs_totp') await this.recordSuccess(tx, keys, state.value, user);
      // Housekeeping on the way: sessions past their absolute end, throttle states that count nothing any more.
      await sessionRepository.deleteExpired(tx, new Date(now).toISOString());
      await throttleRepository.prune(tx, now, now - Math.max(this.throttle.account.lockoutMemoryMs, this.throttle.ip.lockoutMemoryMs));
      await audit(tx, { actor: user.id, entity: 'session', entityId: user.id, action: 'sign_in', diff: { stage: issued.view.stage, secondFactor, client: keys.ipKey } });
      return { ok: true, value: issued };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** The session a token names, if it is still valid; touches its last-seen time now and then. */
  async resolve(token: string | null | undefined): Promise<ResolvedSession | null> {
    if (!isWellFormedSessionToken(token)) return null;
    const found = await sessionRepository.byTokenHash(this.db, hashSessionToken(token));
    if (!found) return null;
    const { session, user } = found;
    const now = this.now();
    const times = { createdAt: Date.parse(session.createdAt), lastSeenAt: Date.parse(session.lastSeenAt) };
    if (user.disabled || !isRole(user.role) || !isSessionValid(times, now, this.lifetime)) {
      await sessionRepository.delete(this.db, session.id);
      return null;
    }
    if (shouldTouchSession(times, now)) await sessionRepository.touch(this.db, session.id, new Date(now).toISOString());
    const view = this.view(session, user, now);
    return { ...view, actor: view.stage === 'active' ? userActor({ id: user.id, role: user.role as Role }) : null };
  }

  /** Ends the session a token names (sign-out). */
  async logout(token: string | null | undefined): Promise<void> {
    if (!isWellFormedSessionToken(token)) return;
    await inTransaction(this.db, async (tx) => {
      const ended = await sessionRepository.deleteByTokenHash(tx, hashSessionToken(token));
      if (ended) await audit(tx, { actor: ended.userId, entity: 'session', entityId: ended.userId, action: 'sign_out' });
    });
  }

  /** Second step of a sign-in: the TOTP code for a session waiting for it. Issues a new session. */
  async verifySecondFactor(token: string, input: unknown, ctx: RequestContext): Promise<IssuedSession> {
    const { code } = validate(totpCodeInput, input);
    return this.withSessionUser(token, ctx, { failure: 'wrong_code', action: 'second_factor', secondFactor: 'pass' },
      async (tx, user) => user.totpEnabled && (await this.users.checkTotp(tx, user, code)));
  }

  /** Starts TOTP enrolment for the signed-in user (also from a session waiting for its second factor). */
  async enrolTotp(token: string): Promise<{ otpauthUri: string; secret: string }> {
    const s = await this.requireSession(token);
    await this.cipher.ring();
    return inTransaction(this.db, async (tx) => this.users.beginTotpEnrolment(tx, (await userRepository.getForUpdate(tx, s.user.id))!));
  }

  /** Confirms the enrolment with the first code; the session has then passed its second factor and is reissued. */
  async confirmTotp(token: string, input: unknown, ctx: RequestContext): Promise<IssuedSession> {
    const { code } = validate(totpCodeInput, input);
    return this.withSessionUser(token, ctx, { failure: 'wrong_code', action: 'totp_confirmed', secondFactor: 'pass' },
      (tx, user) => this.users.confirmTotp(tx, user, code));
  }

  /**
   * Changes the signed-in user's password (also when a reset forces it); other sessions end, this
   * one is reissued. Not before the second factor: a password alone must not be able to replace itself.
   */
  async changePassword(token: string, input: unknown, ctx: RequestContext): Promise<IssuedSession> {
    const v = validate(passwordChangeInput, input);
    if ((await this.requireSession(token)).stage === 'needs_totp') throw new ForbiddenError('pass the second factor first');
    return this.withSessionUser(token, ctx, { failure: 'wrong_password', action: 'password_changed', secondFactor: 'keep' }, async (tx, user) => {
      if (!(await verifyPassword(user.passwordHash, v.currentPassword))) return false;
      await this.users.setOwnPassword(tx, user, v.newPassword);
      await sessionRepository.deleteForUser(tx, user.id);
      return true;
    });
  }

  async csrfToken(sessionId: string): Promise<string> {
    return deriveCsrfToken(sessionId, await this.cipher.derivedKey('csrf'));
  }

  async verifyCsrf(sessionId: string, submitted: unknown): Promise<boolean> {
    return verifyCsrfToken(sessionId, await this.cipher.derivedKey('csrf'), submitted);
  }

  /**
   * Runs a check that needs the session's user (locked) under the login throttle: a failed check
   * counts as a failed sign-in. On success the old session ends and a new one is issued.
   */
  private async withSessionUser(
    token: string, ctx: RequestContext,
    step: { failure: string; action: string; secondFactor: 'pass' | 'keep' },
    check: (tx: Db, user: UserRow) => Promise<boolean>,
  ): Promise<IssuedSession> {
    const s = await this.requireSession(token);
    const keys = await this.throttleKeys(s.user.username, ctx.ip);
    const outcome = await inTransaction(this.db, async (tx): Promise<Outcome<IssuedSession>> => {
      const now = this.now();
      const state = await this.checkThrottle(tx, keys, now);
      if (!state.ok) return state;
      const user = await userRepository.getForUpdate(tx, s.user.id);
      const session = await sessionRepository.get(tx, s.sessionId);
      if (!user || !session) return { ok: false, error: new SignInFailedError() };
      if (!(await check(tx, user))) {
        await this.recordFailure(tx, keys, state.value, now, user, step.failure);
        return { ok: false, error: new SignInFailedError() };
      }
      await this.recordSuccess(tx, keys, state.value, user);
      await sessionRepository.delete(tx, session.id);
      const fresh = (await userRepository.get(tx, user.id))!;
      const issued = await this.issue(tx, fresh, step.secondFactor === 'pass' || session.secondFactor, now);
      await audit(tx, { actor: user.id, entity: 'session', entityId: user.id, action: step.action, diff: { stage: issued.view.stage, client: keys.ipKey } });
      return { ok: true, value: issued };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private async requireSession(token: string): Promise<ResolvedSession> {
    const s = await this.resolve(token);
    if (!s) throw new SignInFailedError();
    return s;
  }

  private async issue(tx: Db, user: UserRow, secondFactor: boolean, now: number): Promise<IssuedSession> {
    const { token, tokenHash } = generateSessionToken();
    const at = new Date(now).toISOString();
    const expiresAt = new Date(sessionExpiresAt({ createdAt: now, lastSeenAt: now }, { ...this.lifetime, idleMs: this.lifetime.absoluteMs })).toISOString();
    const session = await sessionRepository.insert(tx, { id: randomUUID(), userId: user.id, tokenHash, createdAt: at, lastSeenAt: at, expiresAt, secondFactor });
    return { token, view: this.view(session, user, now), csrfToken: await this.csrfToken(session.id) };
  }

  private view(session: SessionRow, user: UserRow, now: number): SessionView {
    const needsSecond = roleNeedsSecondFactor(user.role, this.options.workspaceKind) || user.totpEnabled;
    const stage: SessionStage = needsSecond && !session.secondFactor ? 'needs_totp' : user.mustChangePassword ? 'must_change_password' : 'active';
    const times = { createdAt: Date.parse(session.createdAt), lastSeenAt: Math.max(Date.parse(session.lastSeenAt), now) };
    return {
      sessionId: session.id, user: toPublicUser(user), stage, totpEnrolled: user.totpEnabled,
      expiresAt: new Date(sessionExpiresAt(times, this.lifetime)).toISOString(),
    };
  }

  private async throttleKeys(name: string, ip: string) {
    const key = await this.cipher.derivedKey('throttle-key');
    const h = (what: string) => createHmac('sha256', key).update(what, 'utf8').digest('base64url').slice(0, 32);
    const ipKey = h(`ip\u0000${ip}`);
    return { account: `account:${h(`account\u0000${name.normalize('NFC')}`)}`, ip: `ip:${ipKey}`, ipKey };
  }

  private async checkThrottle(tx: Db, keys: { account: string; ip: string }, now: number): Promise<Outcome<{ account: ThrottleState; ip: ThrottleState }>> {
    const states = await throttleRepository.lock(tx, [keys.account, keys.ip], now);
    const state = { account: states.get(keys.account)!, ip: states.get(keys.ip)! };
    const decision = checkLogin(state, now, this.throttle);
    if (decision.allowed) return { ok: true, value: state };
    await audit(tx, { actor: DOMAIN_ANONYMOUS.id, entity: 'session', action: 'sign_in_refused', diff: { reason: decision.reason } });
    return { ok: false, error: new ThrottledError(decision.retryAt, now, decision.reason) };
  }

  private async recordFailure(tx: Db, keys: { account: string; ip: string; ipKey: string }, state: { account: ThrottleState; ip: ThrottleState }, now: number, user: UserRow | undefined, reason: string) {
    const next = recordLoginFailure(state, now, this.throttle);
    await throttleRepository.save(tx, keys.account, next.account);
    await throttleRepository.save(tx, keys.ip, next.ip);
    if (user) {
      const lockedUntil = next.account.lockedUntil === null ? null : new Date(next.account.lockedUntil).toISOString();
      await userRepository.update(tx, user.id, { failedCount: next.account.failures, lockedUntil });
    }
    // The user name typed is not recorded when no such user exists: it may be a password typed into the wrong field.
    await audit(tx, { actor: user?.id ?? DOMAIN_ANONYMOUS.id, entity: 'session', entityId: user?.id ?? null, action: 'sign_in_failed', diff: { reason, client: keys.ipKey } });
  }

  private async recordSuccess(tx: Db, keys: { account: string; ip: string }, state: { account: ThrottleState; ip: ThrottleState }, user: UserRow) {
    const next = recordLoginSuccess(state);
    await throttleRepository.save(tx, keys.account, next.account);
    await throttleRepository.save(tx, keys.ip, next.ip);
    if (user.failedCount !== 0 || user.lockedUntil !== null) await userRepository.update(tx, user.id, { failedCount: 0, lockedUntil: null });
  }
}
