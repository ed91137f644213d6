import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { deriveCsrfToken, generateSessionToken, hashSessionToken, isWellFormedSessionToken, safeEqual, verifyCsrfToken } from './session-token';
import { isSessionValid, SESSION_LIFETIME, sessionExpiresAt, shouldTouchSession } from './session-lifetime';

describe('session tokens', () => {
  it('are 32 random bytes in base64url, stored only as their SHA-256', () => {
    const { token, tokenHash } = generateSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedSessionToken(token)).toBe(true);
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokenHash).toBe(hashSessionToken(token));
    expect(tokenHash).not.toContain(token);
    const many = new Set(Array.from({ length: 200 }, () => generateSessionToken().token));
    expect(many.size).toBe(200);
  });

  it('recognises malformed tokens before any lookup', () => {
    for (const bad of ['', 'abc', `${'A'.repeat(42)}=`, `${'A'.repeat(42)}+`, 'A'.repeat(44), null, 42]) expect(isWellFormedSessionToken(bad)).toBe(false);
  });
});

describe('CSRF tokens', () => {
  const secret = randomBytes(32);

  it('derive from the session id and verify in constant time', () => {
    const token = deriveCsrfToken('session-1', secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(deriveCsrfToken('session-1', secret)).toBe(token);
    expect(verifyCsrfToken('session-1', secret, token)).toBe(true);
    expect(verifyCsrfToken('session-2', secret, token)).toBe(false);
    expect(verifyCsrfToken('session-1', randomBytes(32), token)).toBe(false);
    expect(verifyCsrfToken('session-1', secret, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    for (const bad of [undefined, null, '', 42, [token], token.slice(1)]) expect(verifyCsrfToken('session-1', secret, bad)).toBe(false);
    expect(verifyCsrfToken('', secret, token)).toBe(false);
  });

  it('refuse short secrets', () => {
    expect(() => deriveCsrfToken('s', randomBytes(16))).toThrow(RangeError);
  });

  it('safeEqual compares strings', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('й', 'й')).toBe(true);
  });
});

describe('session lifetime', () => {
  const created = 1_700_000_000_000;
  const session = { createdAt: created, lastSeenAt: created };

  it('ends after 30 idle minutes or 12 hours in all', () => {
    expect(sessionExpiresAt(session)).toBe(created + SESSION_LIFETIME.idleMs);
    expect(isSessionValid(session, created + 29 * 60_000)).toBe(true);
    expect(isSessionValid(session, created + 30 * 60_000)).toBe(false);
    const busy = { createdAt: created, lastSeenAt: created + 11.9 * 3_600_000 };
    expect(isSessionValid(busy, created + 11.95 * 3_600_000)).toBe(true);
    expect(isSessionValid(busy, created + 12 * 3_600_000)).toBe(false);
  });

  it('ends when revoked, and refuses times before creation', () => {
    expect(isSessionValid({ ...session, revokedAt: created + 1 }, created + 2)).toBe(false);
    expect(isSessionValid(session, created - 1)).toBe(false);
  });

  it('asks for a lastSeenAt write only once a minute', () => {
    expect(shouldTouchSession(session, created + 59_000)).toBe(false);
    expect(shouldTouchSession(session, created + 60_000)).toBe(true);
  });
});
