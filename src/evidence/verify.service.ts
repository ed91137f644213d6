// `vigil verify`: an audit of a whole workspace against itself. Re-hashes every blob, rebuilds the
// Merkle tree from the leaves and compares it with the stored hashes, checks every checkpoint's
// signature and its consistency with the next one and with the rebuilt tree, and matches every
// evidence row and custody event with its leaf (and every leaf with its rows). Read-only.
import type { Db } from '../db';
import type { BlobStore } from './blob.store';
import { SHA256_HEX, hashStream } from './blob.store';
import { evidenceRepository } from './evidence.repository';
import {
  bytesEqual, decodeLeaf, leafHash, MemoryHashStore, newNoteVerifier, openCheckpoint, splitStoredHashIndex,
  storedHashCount, toHex, verifyConsistency, type LogEntry,
} from './log/index';
import { logRepository } from './log.repository';
import { checkRowsAgainstLeaves } from './verify.rows';

export interface VerifyProblem {
  area: 'blob' | 'leaf' | 'hash' | 'checkpoint' | 'evidence' | 'custody' | 'key';
  problem: 'altered' | 'missing' | 'extra' | 'mismatch' | 'invalid';
  /** What is concerned: a blob hash, leaf index, row id, checkpoint size. */
  ref: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  counts: { blobs: number; evidence: number; custodyEvents: number; leaves: number; storedHashes: number; checkpoints: number };
  problems: VerifyProblem[];
}

const CHUNK = 50_000;
const MAX_HASH_PROBLEMS = 50;

export async function verifyWorkspace(
  db: Db,
  blobs: BlobStore,
  opts: { verifierKey: string | null; origin: string; onProgress?: (step: string) => void },
): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const add = (p: VerifyProblem): void => void problems.push(p);
  const items = await evidenceRepository.all(db);
  const custody = await evidenceRepository.allCustody(db);

  // 1. Blobs: every stored blob re-hashed; every referenced blob present; nothing unreferenced.
  opts.onProgress?.('blobs');
  const referenced = new Map(items.map((i) => [i.sha256, i.size]));
  const seen = new Set<string>();
  let blobCount = 0;
  for await (const name of blobs.list()) {
    blobCount++;
    if (!SHA256_HEX.test(name)) {
      add({ area: 'blob', problem: 'extra', ref: name, message: `extra file ${name} in the blob store (not a SHA-256 name)` });
      continue;
    }
    seen.add(name);
    const { sha256, size } = await hashStream(await blobs.open(name));
    if (sha256 !== name) add({ area: 'blob', problem: 'altered', ref: name, message: `blob ${name} is altered: its bytes now hash to ${sha256}` });
    else if (referenced.has(name) && referenced.get(name) !== size) add({ area: 'blob', problem: 'altered', ref: name, message: `blob ${name} has ${size} bytes, its evidence row says ${referenced.get(name)}` });
    if (!referenced.has(name)) add({ area: 'blob', problem: 'extra', ref: name, message: `extra blob ${name}: no evidence row refers to it` });
  }
  for (const sha of referenced.keys()) {
    if (!seen.has(sha)) add({ area: 'blob', problem: 'missing', ref: sha, message: `blob ${sha} is missing from the store` });
  }

  // 2. Leaves: dense indexes, data matching its leaf hash; rebuild the tree from the data.
  opts.onProgress?.('leaves');
  const tree = new MemoryHashStore();
  const entries = new Map<number, LogEntry>();
  let expected = 0;
  let broken = false; // a gap makes every later rebuilt hash meaningless; report once
  const top = await logRepository.size(db);
  for (let from = 0; from < top; from += CHUNK) {
    const rows = await logRepository.readLeaves(db, from, from + CHUNK);
    for (const row of rows) {
      if (row.idx !== expected && !broken) {
        add({ area: 'leaf', problem: 'missing', ref: String(expected), message: `leaf ${expected}${row.idx - expected > 1 ? ` to ${row.idx - 1}` : ''} missing from the log` });
        broken = true;
      }
      expected = row.idx + 1;
      const h = leafHash(row.data);
      if (!bytesEqual(h, row.hash)) add({ area: 'leaf', problem: 'altered', ref: String(row.idx), message: `leaf ${row.idx} is altered: its data does not match its stored leaf hash` });
      if (!broken) tree.appendLeafHash(h);
      try {
        entries.set(row.idx, decodeLeaf(row.data));
      } catch (e) {
        add({ area: 'leaf', problem: 'invalid', ref: String(row.idx), message: `leaf ${row.idx} is not a valid log entry (${(e as Error).message})` });
      }
    }
  }
  const leafCount = expected;

  // 3. Stored hashes against the rebuilt tree.
  opts.onProgress?.('hashes');
  const want = storedHashCount(tree.size);
  let hashRows = 0;
  let hashBad = 0;
  const hashTop = await logRepository.hashCount(db);
  for (let from = 0; from < hashTop; from += CHUNK * 2) {
    const rows = await logRepository.readHashRange(db, from, from + CHUNK * 2);
    for (const r of rows) {
      hashRows++;
      if (r.idx >= want) continue;
      const [rebuilt] = tree.readHashes([r.idx]);
      if (!bytesEqual(rebuilt, r.hash) && hashBad++ < MAX_HASH_PROBLEMS) {
        const [level, n] = splitStoredHashIndex(r.idx);
        const span = 2 ** level;
        add({ area: 'hash', problem: 'mismatch', ref: String(r.idx), message: `stored hash ${r.idx} (leaves ${n * span}..${(n + 1) * span - 1}) differs from the tree rebuilt from the leaves` });
      }
    }
  }
  if (hashBad > MAX_HASH_PROBLEMS) add({ area: 'hash', problem: 'mismatch', ref: '*', message: `${hashBad - MAX_HASH_PROBLEMS} more stored hashes differ` });
  if (!broken && hashRows < want) add({ area: 'hash', problem: 'missing', ref: String(hashRows), message: `${want - hashRows} stored hashes are missing (have ${hashRows}, the ${leafCount} leaves need ${want})` });
  if (!broken && hashRows > want) add({ area: 'hash', problem: 'extra', ref: String(want), message: `${hashRows - want} stored hashes beyond the ${leafCount} leaves: leaves were removed` });

  // 4. Checkpoints: signature, body = row, root = rebuilt root, each consistent with the next.
  opts.onProgress?.('checkpoints');
  const cps = await logRepository.checkpoints(db);
  const verifier = opts.verifierKey ? newNoteVerifier(opts.verifierKey) : null;
  if (!verifier && cps.length > 0) add({ area: 'key', problem: 'missing', ref: 'log-signing.key', message: 'the log signing key is missing: checkpoint signatures cannot be checked' });
  let prev: { size: number; root: Uint8Array } | null = null;
  for (const cp of cps) {
    const ref = String(cp.size);
    let root = cp.root;
    if (verifier) {
      try {
        const { checkpoint } = openCheckpoint(cp.note, [verifier], opts.origin);
        if (checkpoint.size !== cp.size || !bytesEqual(checkpoint.rootHash, cp.root)) add({ area: 'checkpoint', problem: 'mismatch', ref, message: `checkpoint ${cp.size}: the signed note does not match its row` });
        root = checkpoint.rootHash;
      } catch (e) {
        add({ area: 'checkpoint', problem: 'invalid', ref, message: `checkpoint ${cp.size}: signature or format invalid (${(e as Error).message})` });
      }
    }
    if (cp.size > leafCount) {
      add({ area: 'checkpoint', problem: 'mismatch', ref, message: `checkpoint ${cp.size} covers ${cp.size} leaves but the log has ${leafCount}: leaves were removed` });
    } else if (!broken && !bytesEqual(tree.root(cp.size), root)) {
      add({ area: 'checkpoint', problem: 'mismatch', ref, message: `checkpoint ${cp.size}: signed root ${toHex(root)} differs from the root rebuilt from the leaves` });
    }
    if (prev && !broken && cp.size <= tree.size && prev.size > 0) {
      const proof = tree.consistencyProof(prev.size, cp.size);
      if (!verifyConsistency(prev.size, cp.size, prev.root, root, proof)) add({ area: 'checkpoint', problem: 'mismatch', ref, message: `checkpoint ${prev.size} is not consistent with checkpoint ${cp.size}` });
    }
    prev = { size: cp.size, root };
  }
  const last = cps[cps.length - 1];
  if (leafCount > (last?.size ?? 0)) add({ area: 'leaf', problem: 'extra', ref: String(last?.size ?? 0), message: `leaves ${last?.size ?? 0}..${leafCount - 1} are covered by no signed checkpoint` });

  // 5. Rows ↔ leaves.
  opts.onProgress?.('rows');
  checkRowsAgainstLeaves(items, custody, entries, add);

  return {
    ok: problems.length === 0,
    counts: { blobs: blobCount, evidence: items.length, custodyEvents: custody.length, leaves: leafCount, storedHashes: hashRows, checkpoints: cps.length },
    problems,
  };
}
