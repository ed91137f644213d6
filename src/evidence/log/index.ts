// Public face of the pure evidence-log core: Merkle tree hashing and proofs (RFC 6962 / 9162),
// stored-hash proof generation (Go tlog design), C2SP tiles, signed notes and checkpoints,
// RFC 8785 canonical JSON and the Vigil log-entry (leaf) format. No I/O here.
export {
  HASH_SIZE,
  ProofError,
  emptyRoot,
  leafHash,
  nodeHash,
  verifyInclusion,
  verifyConsistency,
  checkRecord,
  checkTree,
  type Hash,
} from './merkle';
export { rootFromLeafHashes, inclusionProofFromLeafHashes, consistencyProofFromLeafHashes } from './merkle-reference';
export {
  storedHashIndex,
  splitStoredHashIndex,
  storedHashCount,
  storedHashesIndexes,
  storedHashesFromHashes,
  storedHashes,
  treeHashIndexes,
  treeHashFromHashes,
  treeHash,
  type HashReader,
} from './stored-hashes';
export {
  recordProofIndexes,
  recordProofFromHashes,
  proveRecord,
  treeProofIndexes,
  treeProofFromHashes,
  proveTree,
} from './stored-proofs';
export { MemoryHashStore } from './memory-hash-store';
export { appendBatch, frontierLevels, rootFromFrontier, type BatchAppend } from './batch';
export { StoredHashCache, hashesAtOrAbove, type HashCacheOptions } from './hash-cache';
export {
  TILE_HEIGHT,
  TILE_WIDTH,
  MAX_TILE_LEVEL,
  TilePathError,
  formatTileIndex,
  tilePath,
  entryBundlePath,
  parseTilePath,
  parseEntryBundlePath,
  tilesForTreeSize,
  newTiles,
  tileHashIndexes,
  tileDataFromHashes,
  readTileData,
  tileHashes,
  type Tile,
} from './tiles';
export { MAX_ENTRY_BYTES, encodeEntryBundle, decodeEntryBundle } from './entry-bundle';
export {
  ALG_ED25519,
  NoteError,
  isValidKeyName,
  noteKeyId,
  generateNoteKey,
  ed25519VerifierKey,
  newNoteSigner,
  newNoteVerifier,
  verifierKeyOf,
  type NoteSigner,
  type NoteVerifier,
} from './note-keys';
export { MAX_NOTE_SIGNATURES, UnverifiedNoteError, signNote, openNote, type NoteSignature, type OpenedNote } from './note';
export { CheckpointError, formatCheckpoint, parseCheckpoint, signCheckpoint, openCheckpoint, type Checkpoint } from './checkpoint';
export { CanonicalJsonError, canonicalJson, canonicalJsonBytes, parseCanonicalJson, type JsonValue } from './canonical-json';
export {
  LOG_ENTRY_KINDS,
  OPAQUE_ID,
  LeafError,
  logEntrySchema,
  encodeLeaf,
  decodeLeaf,
  entryLeafHash,
  type LogEntry,
  type LogEntryKind,
} from './leaf';
export { toBase64, fromBase64, toHex, fromHex, bytesEqual } from './bytes';
