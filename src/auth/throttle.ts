/**
 * Login throttling and lock-out as a pure state machine. The caller keeps one state per account
 * and one per client IP (in the database or in memory), passes the clock in, and stores what comes
 * back; nothing here reads the time or starts a timer.
 *
 *   check(state, now)   → allowed, or refused with `retryAt` (delay or lock);
 *   failure(state, now) → failures counted while they come within `windowMs` of each other;
 *                         after `freeFailures`, each attempt must wait `baseDelayMs · 2^k` (capped);
 *                         at `lockAfter` failures the key is locked for `lockMs`, doubling with
 *                         each lock-out in a row (capped at `maxLockMs`; forgotten after
 *                         `lockoutMemoryMs` without failures);
 *   success()           → a clean state.
 *
 * Success resets the account; the IP state is left to decay by its window, so one valid account
 * cannot be used to clear the throttle on guesses against others from the same address.
 */

export interface ThrottleConfig {
  /** Failures further apart than this start the count afresh. */
  windowMs: number;
  /** Failures allowed without any delay. */
  freeFailures: number;
  /** Delay after the first counted failure; doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures that lock the key; null never locks (delays only). */
  lockAfter: number | null;
  lockMs: number;
  maxLockMs: number;
  /** Lock-outs in a row are forgotten after this long without a failure. */
  lockoutMemoryMs: number;
}

const MINUTE = 60_000;

/** Per account: 3 free attempts, then 1 s, 2 s, 4 s … up to 1 min; 10 failures → locked 15 min (30, 60 … up to 24 h if repeated). */
export const ACCOUNT_THROTTLE: Readonly<ThrottleConfig> = Object.freeze({
  windowMs: 15 * MINUTE, freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: MINUTE, lockAfter: 10, lockMs: 15 * MINUTE, maxLockMs: 24 * 60 * MINUTE,
  lockoutMemoryMs: 7 * 24 * 60 * MINUTE,
});

/** Per IP: generous (offices share addresses behind NAT): 20 free attempts, then delays; 100 failures → blocked 1 h. */
export const IP_THROTTLE: Readonly<ThrottleConfig> = Object.freeze({
  windowMs: 60 * MINUTE, freeFailures: 20, baseDelayMs: 1_000, maxDelayMs: 5 * MINUTE, lockAfter: 100, lockMs: 60 * MINUTE, maxLockMs: 24 * 60 * MINUTE,
  lockoutMemoryMs: 24 * 60 * MINUTE,
});

/** Serializable state; timestamps in milliseconds since the epoch. */
export interface ThrottleState {
  failures: number;
  lastFailureAt: number | null;
  lockedUntil: number | null;
  /** Lock-outs in a row without a success in between (makes each lock longer). */
  lockouts: number;
}

export const INITIAL_THROTTLE_STATE: Readonly<ThrottleState> = Object.freeze({ failures: 0, lastFailureAt: null, lockedUntil: null, lockouts: 0 });

export type ThrottleDecision =
  | { allowed: true }
  | { allowed: false; reason: 'locked' | 'delayed'; retryAt: number };

function delayAfter(failures: number, config: ThrottleConfig): number {
  const counted = failures - config.freeFailures;
  if (counted <= 0) return 0;
  return Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.min(counted - 1, 30));
}

/** The state as it stands at `now`: an expired lock is lifted, an old failure streak has lapsed, old lock-outs are forgotten. */
function current(state: ThrottleState, now: number, config: ThrottleConfig): ThrottleState {
  let s = state;
  if (s.lockedUntil !== null) {
    if (now < s.lockedUntil) return s;
    s = { ...s, failures: 0, lockedUntil: null };
  }
  if (s.lastFailureAt !== null && now - s.lastFailureAt > config.windowMs) s = { ...s, failures: 0 };
  if (s.lastFailureAt !== null && now - s.lastFailureAt > config.lockoutMemoryMs) s = { ...s, failures: 0, lastFailureAt: null, lockouts: 0 };
  return s;
}

/** May an attempt be made at `now`? Check before verifying the password; a refused attempt must not verify it. */
export function checkThrottle(state: ThrottleState, now: number, config: ThrottleConfig = ACCOUNT_THROTTLE): ThrottleDecision {
  const s = current(state, now, config);
  if (s.lockedUntil !== null) return { allowed: false, reason: 'locked', retryAt: s.lockedUntil };
  if (s.lastFailureAt !== null && s.failures > 0) {
    const retryAt = s.lastFailureAt + delayAfter(s.failures, config);
    if (now < retryAt) return { allowed: false, reason: 'delayed', retryAt };
  }
  return { allowed: true };
}

/** The state after a failed attempt at `now`. Failures while locked are not counted (they were refused unverified). */
export function recordThrottleFailure(state: ThrottleState, now: number, config: ThrottleConfig = ACCOUNT_THROTTLE): ThrottleState {
  const s = current(state, now, config);
  if (s.lockedUntil !== null) return s;
  const failures = s.failures + 1;
  if (config.lockAfter !== null && failures >= config.lockAfter) {
    const lockMs = Math.min(config.maxLockMs, config.lockMs * 2 ** Math.min(s.lockouts, 30));
    return { failures, lastFailureAt: now, lockedUntil: now + lockMs, lockouts: s.lockouts + 1 };
  }
  return { failures, lastFailureAt: now, lockedUntil: null, lockouts: s.lockouts };
}

/** The state after a successful login (or an administrator's unlock): clean. */
export function recordThrottleSuccess(): ThrottleState {
  return { ...INITIAL_THROTTLE_STATE };
}

/** Both keys of one login attempt. */
export interface LoginThrottleState {
  account: ThrottleState;
  ip: ThrottleState;
}

export interface LoginThrottleConfig {
  account: ThrottleConfig;
  ip: ThrottleConfig;
}

const LOGIN_DEFAULTS: LoginThrottleConfig = { account: ACCOUNT_THROTTLE, ip: IP_THROTTLE };

/** The stricter of the account and IP decisions; `retryAt` is the later of the two. */
export function checkLogin(state: LoginThrottleState, now: number, config: LoginThrottleConfig = LOGIN_DEFAULTS): ThrottleDecision {
  const decisions = [checkThrottle(state.account, now, config.account), checkThrottle(state.ip, now, config.ip)];
  const refused = decisions.filter((d): d is Extract<ThrottleDecision, { allowed: false }> => !d.allowed);
  if (refused.length === 0) return { allowed: true };
  const latest = refused.reduce((a, b) => (b.retryAt > a.retryAt ? b : a));
  return { allowed: false, reason: refused.some((d) => d.reason === 'locked') ? 'locked' : 'delayed', retryAt: latest.retryAt };
}

export function recordLoginFailure(state: LoginThrottleState, now: number, config: LoginThrottleConfig = LOGIN_DEFAULTS): LoginThrottleState {
  return { account: recordThrottleFailure(state.account, now, config.account), ip: recordThrottleFailure(state.ip, now, config.ip) };
}

/** Success clears the account; the IP state stays and decays by its window (see the module note). */
export function recordLoginSuccess(state: LoginThrottleState): LoginThrottleState {
  return { account: recordThrottleSuccess(), ip: state.ip };
}

/** Reads a persisted state (e.g. a JSON column); anything malformed yields null, and the caller decides (e.g. treat as locked). */
export function parseThrottleState(value: unknown): ThrottleState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const time = (x: unknown) => x === null || (typeof x === 'number' && Number.isFinite(x));
  const count = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (!count(v.failures) || !count(v.lockouts) || !time(v.lastFailureAt) || !time(v.lockedUntil)) return null;
  return { failures: v.failures as number, lockouts: v.lockouts as number, lastFailureAt: v.lastFailureAt as number | null, lockedUntil: v.lockedUntil as number | null };
}
