// C2SP tlog-checkpoint: the note text "origin\nsize\nbase64(root)\n[extension lines\n…]"
// that a log signs as its tree head. Strict both ways: what parses re-formats to the same bytes.
import { fromBase64, isWellFormedUnicode, toBase64 } from './bytes';
import { HASH_SIZE } from './merkle';
import { openNote, signNote, type NoteSignature, type OpenedNote } from './note';
import type { NoteSigner, NoteVerifier } from './note-keys';

export interface Checkpoint {
  /** Unique identity of the log, e.g. "vigil.example/log" (non-empty, one line). */
  origin: string;
  /** Number of leaves in the tree. */
  size: number;
  /** RFC 6962 root hash of the tree at that size (32 bytes). */
  rootHash: Uint8Array;
  /** Optional opaque non-empty lines after the root hash (not recommended by the spec). */
  extensions?: readonly string[];
}

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

const isLine = (s: string): boolean => s !== '' && isWellFormedUnicode(s) && !/[\u0000-\u001f]/.test(s);

function validate(cp: Checkpoint): void {
  if (typeof cp.origin !== 'string' || !isLine(cp.origin)) throw new CheckpointError('origin must be one non-empty line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new CheckpointError('tree size must be a non-negative safe integer');
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== HASH_SIZE) throw new CheckpointError('root hash must be 32 bytes');
  for (const e of cp.extensions ?? []) if (typeof e !== 'string' || !isLine(e)) throw new CheckpointError('extension lines must be non-empty single lines');
}

/** The checkpoint body (note text), ending in a newline. */
export function formatCheckpoint(cp: Checkpoint): string {
  validate(cp);
  const lines = [cp.origin, String(cp.size), toBase64(cp.rootHash), ...(cp.extensions ?? [])];
  return `${lines.join('\n')}\n`;
}

/** Parses a checkpoint body; throws CheckpointError on anything but the canonical form. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) throw new CheckpointError('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError('checkpoint needs origin, size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new CheckpointError('malformed tree size');
  }
  const rootHash = fromBase64(rootText);
  if (!rootHash || rootHash.length !== HASH_SIZE) throw new CheckpointError('malformed root hash');
  const cp: Checkpoint = { origin, size: Number(sizeText), rootHash, extensions };
  validate(cp);
  return cp;
}

/** Formats and signs a checkpoint, returning the signed note. */
export function signCheckpoint(
  cp: Checkpoint,
  signers: string | NoteSigner | readonly (string | NoteSigner)[],
  existing: readonly NoteSignature[] = [],
): string {
  return signNote(formatCheckpoint(cp), signers, existing);
}

/**
 * Opens a signed checkpoint: verifies the note (see openNote), parses its body and, when `origin`
 * is given, requires that origin. Throws NoteError or CheckpointError.
 */
export function openCheckpoint(
  signedNote: string | Uint8Array,
  verifiers: readonly (string | NoteVerifier)[],
  origin?: string,
): { checkpoint: Checkpoint; note: OpenedNote } {
  const note = openNote(signedNote, verifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new CheckpointError(`checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(origin)}`);
  }
  return { checkpoint, note };
}
