import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACCOUNT_THROTTLE, checkLogin, checkThrottle, INITIAL_THROTTLE_STATE, IP_THROTTLE, parseThrottleState, recordLoginFailure, recordLoginSuccess,
  recordThrottleFailure, recordThrottleSuccess, type ThrottleConfig, type ThrottleState,
} from './throttle';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const T0 = 1_700_000_000_000;

/** Fails `n` times, each as soon as the throttle allows; returns the state and the time of the last failure. */
function failRepeatedly(n: number, config: ThrottleConfig = ACCOUNT_THROTTLE, start = T0, state: ThrottleState = INITIAL_THROTTLE_STATE) {
  let now = start;
  let s = state;
  for (let i = 0; i < n; i++) {
    const decision = checkThrottle(s, now, config);
    if (!decision.allowed) now = decision.retryAt;
    s = recordThrottleFailure(s, now, config);
  }
  return { state: s, now };
}

describe('throttle state machine (account defaults)', () => {
  it('lets the first attempts through without delay', () => {
    const { state, now } = failRepeatedly(3);
    expect(state.failures).toBe(3);
    expect(now).toBe(T0);
    expect(checkThrottle(state, now)).toEqual({ allowed: true });
  });

  it('delays each further failure twice as long as the last, up to the cap', () => {
    let s: ThrottleState = failRepeatedly(3).state;
    const delays: number[] = [];
    let now = T0;
    for (let i = 0; i < 6; i++) {
      s = recordThrottleFailure(s, now);
      const d = checkThrottle(s, now);
      expect(d).toMatchObject({ allowed: false, reason: 'delayed' });
      if (d.allowed) return;
      delays.push(d.retryAt - now);
      expect(checkThrottle(s, d.retryAt - 1).allowed).toBe(false);
      expect(checkThrottle(s, d.retryAt).allowed).toBe(true);
      now = d.retryAt;
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32].map((s) => s * SECOND));
    const capped = recordThrottleFailure({ failures: 30, lastFailureAt: now, lockedUntil: null, lockouts: 0 }, now, { ...ACCOUNT_THROTTLE, lockAfter: null });
    expect(checkThrottle(capped, now, ACCOUNT_THROTTLE)).toEqual({ allowed: false, reason: 'delayed', retryAt: now + ACCOUNT_THROTTLE.maxDelayMs });
  });

  it('locks the account at the 10th failure for 15 minutes, then starts afresh', () => {
    const { state, now } = failRepeatedly(10);
    expect(state.lockedUntil).toBe(now + 15 * MINUTE);
    expect(checkThrottle(state, now + 14 * MINUTE)).toEqual({ allowed: false, reason: 'locked', retryAt: now + 15 * MINUTE });
    expect(recordThrottleFailure(state, now + MINUTE)).toEqual(state); // refused attempts are not counted
    expect(checkThrottle(state, now + 15 * MINUTE)).toEqual({ allowed: true });
    const after = recordThrottleFailure(state, now + 15 * MINUTE);
    expect(after.failures).toBe(1);
    expect(after.lockedUntil).toBeNull();
  });

  it('doubles the lock for each lock-out in a row, up to 24 hours', () => {
    let state: ThrottleState = INITIAL_THROTTLE_STATE;
    let now = T0;
    const locks: number[] = [];
    for (let i = 0; i < 9; i++) {
      ({ state, now } = failRepeatedly(10, ACCOUNT_THROTTLE, now, state));
      locks.push((state.lockedUntil! - now) / MINUTE);
      now = state.lockedUntil!;
    }
    expect(locks).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
  });

  it('forgets lock-outs after a quiet week, and failures after a quiet window', () => {
    const { state, now } = failRepeatedly(10);
    expect(state.lockouts).toBe(1);
    const later = recordThrottleFailure(state, now + 8 * 24 * 60 * MINUTE);
    expect(later).toMatchObject({ failures: 1, lockouts: 0 });
    const few = failRepeatedly(5).state;
    const lapsed = recordThrottleFailure(few, T0 + 16 * MINUTE + 60 * SECOND);
    expect(lapsed.failures).toBe(1);
    expect(checkThrottle(few, T0 + 16 * MINUTE)).toEqual({ allowed: true });
  });

  it('success clears everything', () => {
    const { state } = failRepeatedly(10);
    expect(recordThrottleSuccess()).toEqual(INITIAL_THROTTLE_STATE);
    expect(checkThrottle(recordThrottleSuccess(), T0)).toEqual({ allowed: true });
    expect(state.lockedUntil).not.toBeNull();
  });

  it('an attacker who obeys every refusal gets at most `lockAfter` guesses in any lock period (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 * MINUTE }), { minLength: 1, maxLength: 80 }), (gaps) => {
        let s: ThrottleState = INITIAL_THROTTLE_STATE;
        let now = T0;
        const guesses: number[] = [];
        for (const gap of gaps) {
          now += gap;
          if (!checkThrottle(s, now).allowed) continue;
          s = recordThrottleFailure(s, now);
          guesses.push(now);
        }
        for (const start of guesses) {
          const inPeriod = guesses.filter((t) => t >= start && t < start + ACCOUNT_THROTTLE.lockMs).length;
          expect(inPeriod).toBeLessThanOrEqual(ACCOUNT_THROTTLE.lockAfter!);
        }
        // The state is plain data: it survives a JSON round trip (persistence) unchanged.
        expect(parseThrottleState(JSON.parse(JSON.stringify(s)))).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('login throttle (account + IP)', () => {
  const fresh = { account: INITIAL_THROTTLE_STATE, ip: INITIAL_THROTTLE_STATE };

  it('refuses when either key refuses, with the later retry time', () => {
    const ipLocked = { account: INITIAL_THROTTLE_STATE, ip: failRepeatedly(100, IP_THROTTLE).state };
    const d = checkLogin(ipLocked, ipLocked.ip.lastFailureAt!);
    expect(d).toMatchObject({ allowed: false, reason: 'locked', retryAt: ipLocked.ip.lockedUntil });
    expect(checkLogin(fresh, T0)).toEqual({ allowed: true });
  });

  it('counts a failure against both keys; success clears the account but not the IP', () => {
    let s = fresh;
    for (let i = 0; i < 3; i++) s = recordLoginFailure(s, T0);
    expect(s.account.failures).toBe(3);
    expect(s.ip.failures).toBe(3);
    const after = recordLoginSuccess(s);
    expect(after.account).toEqual(INITIAL_THROTTLE_STATE);
    expect(after.ip.failures).toBe(3);
  });

  it('an IP guessing many accounts is slowed after 20 failures even though each account is fresh', () => {
    let ip: ThrottleState = INITIAL_THROTTLE_STATE;
    for (let i = 0; i < 21; i++) ip = recordLoginFailure({ account: INITIAL_THROTTLE_STATE, ip }, T0).ip;
    expect(checkLogin({ account: INITIAL_THROTTLE_STATE, ip }, T0)).toMatchObject({ allowed: false, reason: 'delayed' });
  });
});

describe('parseThrottleState', () => {
  it('rejects malformed persisted state', () => {
    expect(parseThrottleState(INITIAL_THROTTLE_STATE)).toEqual(INITIAL_THROTTLE_STATE);
    for (const bad of [null, 'x', {}, { failures: -1, lockouts: 0, lastFailureAt: null, lockedUntil: null }, { failures: 1, lockouts: 0, lastFailureAt: 'yesterday', lockedUntil: null }]) {
      expect(parseThrottleState(bad)).toBeNull();
    }
  });
});
