/**
 * Keeping personal data out of audit events and logs.
 *
 * `redact` returns a deep copy of a value in which every property whose name is on the field list
 * is replaced by "[redacted]" (null and undefined stay as they are: absence is not personal).
 * Names are compared ignoring case, "_" and "-", so birthDate, birth_date and BIRTH-DATE are one
 * field. The default list errs on the side of hiding (any "name" goes, a facility's included);
 * pass your own list for a narrower cut.
 *
 * `witnessPseudonym` names a witness in reports and logs without revealing who they are:
 * "Witness W-4F2A9C", from an HMAC of the witness id under a workspace key: stable, not reversible
 * without the key, and different in every workspace.
 */
import { createHmac } from 'node:crypto';

export const REDACTED = '[redacted]';

export const PERSONAL_FIELDS: readonly string[] = [
  // names
  'name', 'fullName', 'firstName', 'givenName', 'lastName', 'familyName', 'surname', 'middleName', 'patronymic',
  'maidenName', 'nameOriginal', 'nameLatin', 'nameCyrillic', 'nameTransliterated', 'alias', 'aliases', 'nickname', 'callSign',
  // birth
  'birthDate', 'dateOfBirth', 'dob', 'birthYear', 'yearOfBirth', 'birthPlace', 'placeOfBirth',
  // addresses
  'address', 'homeAddress', 'postalAddress', 'street', 'postalCode', 'residence',
  // contacts
  'contact', 'contacts', 'phone', 'phoneNumber', 'mobile', 'email', 'emailAddress', 'telegram', 'whatsapp', 'signal', 'socialMedia',
  // identity documents
  'passportNumber', 'nationalId', 'taxId', 'militaryId', 'serviceNumber', 'documentNumber',
  // relatives
  'relativeName', 'relatives', 'nextOfKin',
  // witness identity
  'witness', 'witnessName', 'witnessIdentity', 'witnessContact', 'witnessPhone', 'witnessEmail', 'witnessAddress',
];

/** Secrets that must never reach a log either. */
export const SECRET_FIELDS: readonly string[] = [
  'password', 'newPassword', 'passwordHash', 'totpSecret', 'totpCode', 'token', 'sessionToken', 'csrfToken', 'key', 'secret', 'authorization', 'cookie',
];

export const DEFAULT_REDACTED_FIELDS: readonly string[] = [...PERSONAL_FIELDS, ...SECRET_FIELDS];

export type Redacted<T> = T extends Date
  ? T
  : T extends readonly (infer U)[]
    ? Redacted<U>[]
    : T extends object
      ? { [K in keyof T]: Redacted<T[K]> | typeof REDACTED }
      : T;

const MAX_DEPTH = 32;

function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A redactor for a fixed field list (compile the list once, use it per event). */
export function createRedactor(fields: Iterable<string> = DEFAULT_REDACTED_FIELDS): <T>(value: T) => Redacted<T> {
  const hidden = new Set([...fields].map(fieldKey));
  const walk = (value: unknown, ancestors: object[]): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (ancestors.includes(value)) return '[circular]';
    if (ancestors.length >= MAX_DEPTH) return '[truncated]';
    const inner = [...ancestors, value];
    if (Array.isArray(value)) return value.map((item) => walk(item, inner));
    if (!isPlainObject(value)) return value instanceof Date ? new Date(value.getTime()) : value;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const hide = hidden.has(fieldKey(key)) && field !== null && field !== undefined;
      Object.defineProperty(out, key, { value: hide ? REDACTED : walk(field, inner), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return <T>(value: T) => walk(value, []) as Redacted<T>;
}

const defaultRedactor = createRedactor();

/** Deep copy of `value` with the listed fields (default: personal and secret fields) replaced by "[redacted]". */
export function redact<T>(value: T, fields?: Iterable<string>): Redacted<T> {
  return fields === undefined ? defaultRedactor(value) : createRedactor(fields)(value);
}

/** "W-4F2A9C": the witness code alone (6 hex digits by default, 4–16). */
export function witnessCode(witnessId: string, workspaceKey: Uint8Array, digits = 6): string {
  if (workspaceKey.length < 32) throw new RangeError('the pseudonym key needs at least 32 bytes');
  if (!Number.isInteger(digits) || digits < 4 || digits > 16) throw new RangeError('a witness code has 4 to 16 digits');
  if (witnessId === '') throw new TypeError('a witness pseudonym needs a witness id');
  const mac = createHmac('sha256', workspaceKey).update(`vigil.witness-pseudonym.v1\u0000${witnessId}`, 'utf8').digest('hex');
  return `W-${mac.slice(0, digits).toUpperCase()}`;
}

/**
 * "Witness W-4F2A9C". Six hex digits (24 bits) make a clash between two witnesses likely (50 %)
 * only beyond about 4 800 witnesses in one workspace; use more digits for larger ones.
 */
export function witnessPseudonym(witnessId: string, workspaceKey: Uint8Array, digits = 6): string {
  return `Witness ${witnessCode(witnessId, workspaceKey, digits)}`;
}
