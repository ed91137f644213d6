/**
 * Password hashing with argon2id. Parameters follow the OWASP Password Storage Cheat Sheet
 * (minimum: m = 19 MiB, t = 2, p = 1). Hashes are PHC strings ("$argon2id$v=19$m=…,t=…,p=…$salt$hash")
 * that carry their own parameters, so raising the parameters later only needs `needsRehash` at the
 * next successful login. Passwords are NFC-normalised before hashing, so the same password typed
 * on different keyboards (composed or decomposed accents, Cyrillic й) verifies.
 */
import { argon2id, hash, verify } from 'argon2';

export interface PasswordHashParams {
  /** Memory in KiB. */
  memoryCost: number;
  /** Iterations. */
  timeCost: number;
  /** Lanes. */
  parallelism: number;
}

/** OWASP minimum for argon2id: 19 MiB, 2 iterations, 1 lane. */
export const PASSWORD_HASH_PARAMS: Readonly<PasswordHashParams> = Object.freeze({ memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });

const ARGON2_VERSION = 0x13;
/** Longest password accepted at all; argon2 copes with more, but nobody types more and it bounds the work per request. */
export const PASSWORD_MAX_LENGTH = 256;

function normalise(password: string): string {
  return password.normalize('NFC');
}

/** Hashes a password with argon2id and a fresh random salt. */
export async function hashPassword(password: string, params: PasswordHashParams = PASSWORD_HASH_PARAMS): Promise<string> {
  if (params.memoryCost < PASSWORD_HASH_PARAMS.memoryCost || params.timeCost < 1 || params.parallelism < 1) {
    throw new RangeError('argon2id parameters weaker than the OWASP minimum');
  }
  if ([...password].length > PASSWORD_MAX_LENGTH) throw new RangeError(`passwords are limited to ${PASSWORD_MAX_LENGTH} characters`);
  return hash(normalise(password), { type: argon2id, ...params });
}

/** True if `password` matches the stored hash. A malformed or non-argon2 hash yields false, never a throw. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if ([...password].length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(storedHash, normalise(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real verification and returns false. Call it when the user name is
 * unknown, so response time does not tell an attacker which accounts exist.
 */
export async function verifyPasswordOfUnknownUser(password: string): Promise<false> {
  dummyHash ??= hashPassword('vigil-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

interface ParsedHash { algorithm: string; version: number; memoryCost: number; timeCost: number; parallelism: number }

function parsePhc(storedHash: string): ParsedHash | null {
  const m = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([^$]+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(storedHash);
  if (!m) return null;
  const params = new Map(m[3].split(',').map((kv) => kv.split('=') as [string, string]));
  const [mem, time, par] = ['m', 't', 'p'].map((k) => Number(params.get(k)));
  if (![mem, time, par].every(Number.isInteger)) return null;
  return { algorithm: m[1], version: Number(m[2]), memoryCost: mem, timeCost: time, parallelism: par };
}

/**
 * True if a stored hash should be replaced at the next successful login: not argon2id, an older
 * argon2 version, unparseable, or any parameter weaker than `params`. Hashes stronger than the
 * current parameters are kept (no silent downgrade).
 */
export function needsRehash(storedHash: string, params: PasswordHashParams = PASSWORD_HASH_PARAMS): boolean {
  const parsed = parsePhc(storedHash);
  if (!parsed) return true;
  return (
    parsed.algorithm !== 'argon2id' ||
    parsed.version < ARGON2_VERSION ||
    parsed.memoryCost < params.memoryCost ||
    parsed.timeCost < params.timeCost ||
    parsed.parallelism < params.parallelism
  );
}
