/**
 * When a session ends, as a pure function of the row the service loaded: an idle timeout (since
 * last seen) and an absolute lifetime (since creation). Times in milliseconds since the epoch.
 */

export interface SessionLifetime {
  idleMs: number;
  absoluteMs: number;
}

/** 30 minutes idle, 12 hours at most: a working day, with re-authentication after a break. */
export const SESSION_LIFETIME: Readonly<SessionLifetime> = Object.freeze({ idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 });

export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
  /** Set when the user signed out or an administrator revoked the session. */
  revokedAt?: number | null;
}

/** The moment the session stops being valid (the earlier of idle and absolute expiry). */
export function sessionExpiresAt(session: SessionTimes, lifetime: SessionLifetime = SESSION_LIFETIME): number {
  return Math.min(session.lastSeenAt + lifetime.idleMs, session.createdAt + lifetime.absoluteMs);
}

export function isSessionValid(session: SessionTimes, now: number, lifetime: SessionLifetime = SESSION_LIFETIME): boolean {
  if (session.revokedAt !== null && session.revokedAt !== undefined) return false;
  if (now < session.createdAt) return false; // a clock gone backwards or a forged row
  return now < sessionExpiresAt(session, lifetime);
}

/**
 * Whether to write `lastSeenAt = now` back: only when it moved by more than `everyMs`, so a busy
 * session does not cost a write per request.
 */
export function shouldTouchSession(session: SessionTimes, now: number, everyMs = 60_000): boolean {
  return now - session.lastSeenAt >= everyMs;
}
