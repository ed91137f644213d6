// Vigil evidence-log entries (the leaves of the Merkle tree): what happened to which piece of
// evidence, when, by which pseudonymous actor. Entries never hold personal data: no names, no file
// names, no free text, only fixed vocabularies, hashes, sizes, timestamps and opaque identifiers.
// A leaf's bytes are the RFC 8785 canonical JSON (UTF-8) of the entry, so each entry has exactly one
// encoding; decodeLeaf accepts nothing else.
import { z } from 'zod';
import { canonicalJsonBytes, CanonicalJsonError, parseCanonicalJson } from './canonical-json';
import { leafHash, type Hash } from './merkle';

export const LOG_ENTRY_KINDS = [
  'evidence.received', // a file entered the evidence store (evidence = its SHA-256, size = its bytes)
  'custody.viewed', // someone opened the evidence
  'custody.exported', // evidence left the system (bundle, download); ref = the export id
  'custody.derived', // a derivative was made (evidence = the derivative; prev = leaf hash of the source's entry)
  'custody.transferred', // custody passed to another holder; ref = the transfer id
  'custody.verified', // the stored bytes were re-hashed and matched
  'field.viewed', // a protected (encrypted) field was decrypted for display; ref = opaque field reference
] as const;
export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

/** Opaque identifiers: ASCII letters, digits and . _ : - (no spaces, no @), 1–128 characters. */
export const OPAQUE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;

function isRealInstant(s: string): boolean {
  const m = INSTANT.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && t.getUTCHours() === h &&
    t.getUTCMinutes() === mi && t.getUTCSeconds() === se;
}

const opaqueId = z.string().regex(OPAQUE_ID, 'must be an opaque identifier');
const sha256Hex = z.string().regex(SHA256_HEX, 'must be lower-case SHA-256 hex');

export const logEntrySchema = z
  .strictObject({
    v: z.literal(1),
    kind: z.enum(LOG_ENTRY_KINDS),
    /** UTC instant, ISO 8601 with Z, e.g. 2024-05-01T12:00:00.000Z. */
    at: z.string().refine(isRealInstant, 'must be a UTC ISO 8601 instant ending in Z'),
    /** Pseudonymous actor id (never a name or e-mail address). */
    actor: opaqueId,
    /** SHA-256 (hex) of the evidence bytes concerned. */
    evidence: sha256Hex.optional(),
    /** Size in bytes of the evidence. */
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Opaque reference (export, transfer, field or record id). */
    ref: opaqueId.optional(),
    /** Leaf hash (hex) of the earlier entry this one continues, e.g. the source of a derivative. */
    prev: sha256Hex.optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.kind.startsWith('evidence.') || e.kind.startsWith('custody.')) && e.evidence === undefined) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: `${e.kind} entries need the evidence hash` });
    }
    if (e.kind === 'evidence.received' && e.size === undefined) {
      ctx.addIssue({ code: 'custom', path: ['size'], message: 'evidence.received entries need the size' });
    }
    if (e.kind === 'field.viewed' && e.ref === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ref'], message: 'field.viewed entries need a ref' });
    }
  });

export type LogEntry = z.infer<typeof logEntrySchema>;

export class LeafError extends Error {
  override name = 'LeafError';
}

function validate(value: unknown): LogEntry {
  const r = logEntrySchema.safeParse(value);
  if (!r.success) {
    // Messages name the offending fields only, never their values.
    const why = r.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ');
    throw new LeafError(`invalid log entry: ${why}`);
  }
  return r.data;
}

/** Validates an entry and returns its leaf bytes: canonical JSON (RFC 8785), UTF-8. */
export function encodeLeaf(entry: LogEntry): Uint8Array {
  return canonicalJsonBytes(validate(entry));
}

/** Parses leaf bytes; throws LeafError unless they are a valid entry in canonical form. */
export function decodeLeaf(bytes: Uint8Array): LogEntry {
  let value: unknown;
  try {
    value = parseCanonicalJson(bytes);
  } catch (e) {
    throw new LeafError(`invalid log entry: ${e instanceof CanonicalJsonError ? e.message : 'unreadable'}`);
  }
  return validate(value);
}

/** RFC 6962 leaf hash of an entry's canonical bytes. */
export function entryLeafHash(entry: LogEntry): Hash {
  return leafHash(encodeLeaf(entry));
}
