// C2SP signed notes: text ending in a newline, a blank line, then one or more lines
// "— <key name> base64(key id ‖ signature)". Sign and open with the rules of Go's sumdb/note.
import { fromBase64, fromUtf8, isWellFormedUnicode, toBase64, utf8 } from './bytes';
import { formatKeyId, isValidKeyName, newNoteSigner, newNoteVerifier, NoteError, type NoteSigner, type NoteVerifier } from './note-keys';

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** base64(key id ‖ signature), as it appears in the note. */
  base64: string;
}

export interface OpenedNote {
  /** The signed text, ending in a newline (the separating blank line excluded). */
  text: string;
  /** Signatures by known keys, all verified. */
  sigs: NoteSignature[];
  /** Signatures by unknown keys (ignored, kept so a note can be re-signed or cosigned). */
  unverifiedSigs: NoteSignature[];
}

/** Opening stops after this many signature lines (as Go does); the spec asks for at least 16. */
export const MAX_NOTE_SIGNATURES = 100;
const SIG_PREFIX = '\u2014 ';

/** Thrown by openNote when the note parsed but no known key signed it; carries the parsed note. */
export class UnverifiedNoteError extends NoteError {
  constructor(readonly note: OpenedNote) {
    super('unverified-note', 'note has no verifiable signatures');
  }
}

const malformed = (): NoteError => new NoteError('malformed-note', 'malformed note');
/** No control characters other than newline, and valid Unicode. */
const isCleanText = (t: string): boolean => isWellFormedUnicode(t) && !/[\u0000-\u0009\u000B-\u001F]/.test(t);
const keyLabel = (s: { name: string; keyId: number }): string => `${s.name}+${formatKeyId(s.keyId)}`;

/**
 * Signs `text` (which must end with a newline) with each signer and returns the note.
 * `existing` signatures (for example from an opened note) come first, except those that a
 * signer with the same name and key id replaces (Go note.Sign semantics).
 */
export function signNote(
  text: string,
  signers: string | NoteSigner | readonly (string | NoteSigner)[],
  existing: readonly NoteSignature[] = [],
): string {
  if (!text.endsWith('\n') || !isCleanText(text)) throw malformed();
  const list = (Array.isArray(signers) ? signers : [signers]) as readonly (string | NoteSigner)[];
  const message = utf8(text);
  const fresh: string[] = [];
  const replaced = new Set<string>();
  for (const s of list) {
    const signer = typeof s === 'string' ? newNoteSigner(s) : s;
    if (!isValidKeyName(signer.name)) throw new NoteError('invalid-signer', 'invalid signer');
    replaced.add(keyLabel(signer));
    const id = new Uint8Array(4);
    new DataView(id.buffer).setUint32(0, signer.keyId >>> 0);
    const sig = signer.sign(message);
    const all = new Uint8Array(4 + sig.length);
    all.set(id);
    all.set(sig, 4);
    fresh.push(`${SIG_PREFIX}${signer.name} ${toBase64(all)}\n`);
  }
  const kept: string[] = [];
  for (const sig of existing) {
    if (!isValidKeyName(sig.name)) throw malformed();
    if (replaced.has(keyLabel(sig))) continue;
    const raw = fromBase64(sig.base64);
    if (!raw || raw.length < 5 || new DataView(raw.buffer, raw.byteOffset).getUint32(0) !== sig.keyId) throw malformed();
    kept.push(`${SIG_PREFIX}${sig.name} ${sig.base64}\n`);
  }
  return `${text}\n${kept.join('')}${fresh.join('')}`;
}

/**
 * Opens a signed note, verifying every signature by a known key.
 * Throws NoteError: 'malformed-note' for any syntax error (or more than 100 signatures),
 * 'invalid-signature' if a known key's signature fails, 'ambiguous-key' if two verifiers share
 * name and id, 'unverified-note' (with `.note`) if no known key signed it. Unknown keys are ignored.
 */
export function openNote(message: string | Uint8Array, verifiers: readonly (string | NoteVerifier)[]): OpenedNote {
  const msg = typeof message === 'string' ? (isWellFormedUnicode(message) ? message : undefined) : fromUtf8(message);
  if (msg === undefined || !isCleanText(msg)) throw malformed();
  const known = new Map<string, NoteVerifier[]>();
  for (const v of verifiers) {
    const verifier = typeof v === 'string' ? newNoteVerifier(v) : v;
    const k = keyLabel(verifier);
    known.set(k, [...(known.get(k) ?? []), verifier]);
  }

  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw malformed();
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw malformed();

  const note: OpenedNote = { text, sigs: [], unverifiedSigs: [] };
  const textBytes = utf8(text);
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed();
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) throw malformed();
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const [name, b64] = space < 0 ? [rest, ''] : [rest.slice(0, space), rest.slice(space + 1)];
    const raw = fromBase64(b64);
    if (!raw || !isValidKeyName(name) || b64 === '' || raw.length < 5) throw malformed();
    const sig: NoteSignature = { name, keyId: new DataView(raw.buffer, raw.byteOffset).getUint32(0), base64: b64 };
    const label = keyLabel(sig);
    const candidates = known.get(label);
    if (!candidates) {
      if (!seenUnverified.has(line)) note.unverifiedSigs.push(sig);
      seenUnverified.add(line);
      continue;
    }
    if (candidates.length > 1) throw new NoteError('ambiguous-key', `ambiguous key ${label}`);
    if (seen.has(label)) continue; // repeated signatures by one key: the first one counts
    seen.add(label);
    if (!candidates[0].verify(textBytes, raw.subarray(4))) {
      throw new NoteError('invalid-signature', `invalid signature for key ${label}`);
    }
    note.sigs.push(sig);
  }
  if (note.sigs.length === 0) {
    throw new UnverifiedNoteError(note);
  }
  return note;
}
