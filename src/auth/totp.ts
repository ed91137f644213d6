/**
 * One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) with node:crypto, the otpauth:// key URI
 * understood by authenticator apps, and verification with a ±window and replay protection.
 *
 * Replay protection is the caller's half of the contract: a successful `verifyTotp` returns the
 * matched time step; the service stores it (e.g. `users.totp_last_step`) and passes it back as
 * `lastUsedStep` next time, so the same code — or an older one — is never accepted twice.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Encode } from './base32';

export type OtpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface HotpOptions {
  /** Number of digits, 6–8 (default 6). */
  digits?: number;
  /** HMAC hash (default sha1, the only one most authenticator apps support). */
  algorithm?: OtpAlgorithm;
}

export interface TotpOptions extends HotpOptions {
  /** Time step in seconds (default 30). */
  period?: number;
  /** Unix time in seconds at which step 0 starts (default 0). */
  t0?: number;
}

const DEFAULTS = { digits: 6, algorithm: 'sha1' as OtpAlgorithm, period: 30, t0: 0 };

function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) throw new RangeError(`OTP digits must be 6, 7 or 8, not ${digits}`);
}

/** HOTP value for `counter` (RFC 4226 §5.3): HMAC, dynamic truncation, modulo 10^digits, zero-padded. */
export function hotp(secret: Uint8Array, counter: number | bigint, options: HotpOptions = {}): string {
  const digits = options.digits ?? DEFAULTS.digits;
  checkDigits(digits);
  const c = BigInt(counter);
  if (c < 0n || c > 0xffff_ffff_ffff_ffffn) throw new RangeError('HOTP counter must fit in 64 unsigned bits');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(c);
  const mac = createHmac(options.algorithm ?? DEFAULTS.algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fff_ffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP time step that contains `timeMs` (milliseconds since the Unix epoch). */
export function totpStep(timeMs: number, options: Pick<TotpOptions, 'period' | 't0'> = {}): number {
  const period = options.period ?? DEFAULTS.period;
  if (!Number.isInteger(period) || period <= 0) throw new RangeError('TOTP period must be a positive integer of seconds');
  return Math.floor((Math.floor(timeMs / 1000) - (options.t0 ?? DEFAULTS.t0)) / period);
}

/** TOTP value at `timeMs` (RFC 6238 §4): HOTP of the time step. */
export function totp(secret: Uint8Array, timeMs: number, options: TotpOptions = {}): string {
  return hotp(secret, totpStep(timeMs, options), options);
}

/** A fresh random TOTP secret; 20 bytes (160 bits) is the length RFC 4226 §4 recommends for SHA-1. */
export function generateTotpSecret(bytes = 20): Buffer {
  if (!Number.isInteger(bytes) || bytes < 16) throw new RangeError('a TOTP secret needs at least 16 bytes');
  return randomBytes(bytes);
}

export interface OtpauthUriInput extends TotpOptions {
  /** Service name shown in the authenticator, e.g. "Vigil". */
  issuer: string;
  /** Account shown in the authenticator, e.g. the user name. */
  accountName: string;
  secret: Uint8Array;
}

/** `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30` (Google Authenticator key URI format). */
export function otpauthUri(input: OtpauthUriInput): string {
  const digits = input.digits ?? DEFAULTS.digits;
  checkDigits(digits);
  for (const [what, value] of [['issuer', input.issuer], ['account name', input.accountName]] as const) {
    if (value.trim() === '') throw new Error(`otpauth ${what} is empty`);
    if (value.includes(':')) throw new Error(`otpauth ${what} must not contain ":"`);
  }
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.accountName)}`;
  const params = new URLSearchParams({
    secret: base32Encode(input.secret, { padding: false }),
    issuer: input.issuer,
    algorithm: (input.algorithm ?? DEFAULTS.algorithm).toUpperCase(),
    digits: String(digits),
    period: String(input.period ?? DEFAULTS.period),
  });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}

export interface VerifyTotpOptions extends TotpOptions {
  /** Current time in milliseconds since the epoch (the caller's clock; no hidden Date.now()). */
  nowMs: number;
  /** Last step accepted for this secret, as stored by the caller; codes of this step or earlier are refused. */
  lastUsedStep?: number | null;
  /** Steps accepted either side of the current one for clock drift (default 1). */
  window?: number;
}

export type VerifyTotpResult =
  | { ok: true; step: number }
  | { ok: false; reason: 'malformed' | 'invalid' | 'replayed' };

/**
 * Checks a submitted code against steps now−window … now+window. On success returns the matched
 * step, which the caller must store as the new `lastUsedStep`. All candidates are compared in
 * constant time and every step is computed, so timing does not reveal which step matched.
 */
export function verifyTotp(secret: Uint8Array, code: string, options: VerifyTotpOptions): VerifyTotpResult {
  const digits = options.digits ?? DEFAULTS.digits;
  checkDigits(digits);
  const window = options.window ?? 1;
  if (!Number.isInteger(window) || window < 0 || window > 10) throw new RangeError('TOTP window must be an integer 0–10');
  const submitted = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(submitted)) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(submitted);
  const current = totpStep(options.nowMs, options);
  const last = options.lastUsedStep ?? null;
  let fresh: number | null = null;
  let replayed = false;
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0) continue;
    const matches = timingSafeEqual(Buffer.from(hotp(secret, step, options)), given);
    if (!matches) continue;
    if (last !== null && step <= last) replayed = true;
    else if (fresh === null) fresh = step;
  }
  if (fresh !== null) return { ok: true, step: fresh };
  return { ok: false, reason: replayed ? 'replayed' : 'invalid' };
}
