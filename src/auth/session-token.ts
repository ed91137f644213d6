/**
 * Session tokens and CSRF tokens.
 *
 * The browser holds a random token (32 bytes, base64url, in an HttpOnly cookie); the database holds
 * only its SHA-256 (`hashSessionToken`), so a leaked sessions table cannot be replayed. A token has
 * 256 bits of entropy, so a plain fast hash suffices — no salt, no argon2 — and a lookup by hash is
 * an indexed equality.
 *
 * CSRF: the token is an HMAC of the session id under a server secret; nothing to store, and it is
 * checked in constant time.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface NewSessionToken {
  /** Goes to the client, never stored. */
  token: string;
  /** Stored in the sessions table and looked up by. */
  tokenHash: string;
}

export function generateSessionToken(): NewSessionToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

/** True for strings shaped like a session token; check before hashing what a client sent. */
export function isWellFormedSessionToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_PATTERN.test(token);
}

/** Hex SHA-256 of a token: the only form in which the database holds it. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time equality of two strings (their lengths may leak; their contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function checkSecret(secret: Uint8Array): void {
  if (secret.length < 32) throw new RangeError('the CSRF secret needs at least 32 bytes');
}

/** CSRF token for a session: base64url HMAC-SHA-256 of the session id under a server secret. */
export function deriveCsrfToken(sessionId: string, secret: Uint8Array): string {
  checkSecret(secret);
  if (sessionId === '') throw new TypeError('a CSRF token needs a session id');
  return createHmac('sha256', secret).update(`vigil.csrf.v1\u0000${sessionId}`, 'utf8').digest('base64url');
}

/** Checks a submitted CSRF token against the session's, in constant time; anything not a string is false. */
export function verifyCsrfToken(sessionId: string, secret: Uint8Array, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || sessionId === '') return false;
  return safeEqual(deriveCsrfToken(sessionId, secret), submitted);
}
