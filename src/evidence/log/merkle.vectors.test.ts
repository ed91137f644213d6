// Every inclusion and consistency case of the transparency-dev/merkle proof vectors
// (test/fixtures/tlog-vectors, see its SOURCE.md): happy paths verify, every wantErr case is rejected,
// and where the tree is the documented 8-leaf test tree our generated proofs equal the published ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bytesEqual, fromHex, toBase64 } from './bytes';
import { checkRecord, checkTree, leafHash, verifyConsistency, verifyInclusion } from './merkle';
import { MemoryHashStore } from './memory-hash-store';

const ROOT = fileURLToPath(new URL('../../../test/fixtures/tlog-vectors', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []))
    .sort();
}

/** JSON.parse, but integers beyond 2^53 (e.g. 2^64−1 in the "sub @1" mutations) stay exact as strings. */
function load(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8').replace(/(":\s*)(\d{16,})/g, (m, pre: string, digits: string) =>
    Number.isSafeInteger(Number(digits)) ? m : `${pre}"${digits}"`,
  );
  return JSON.parse(text) as Record<string, unknown>;
}

/** Sizes as the API sees them: exact when safe, otherwise the (unsafe, rounded) Number, which must be refused. */
const size = (v: unknown): number => (typeof v === 'string' ? Number(BigInt(v)) : (v as number));
const b64 = (v: unknown): Uint8Array => new Uint8Array(Buffer.from((v as string) ?? '', 'base64'));
const proofOf = (v: unknown): Uint8Array[] => ((v as string[] | null) ?? []).map(b64);

// The 8-leaf tree the vectors are generated from (SOURCE.md).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const store = new MemoryHashStore();
for (const hex of LEAVES) store.append(fromHex(hex)!);
const isTestTree = (n: number, root: Uint8Array): boolean => n >= 1 && n <= 8 && bytesEqual(store.root(n), root);

const inclusionFiles = walk(join(ROOT, 'inclusion'));
const consistencyFiles = walk(join(ROOT, 'consistency'));
const stats = { inclusion: 0, consistency: 0, happy: 0, rejected: 0, generatedEqual: 0 };

describe('transparency-dev inclusion vectors', () => {
  it('found vector files', () => expect(inclusionFiles.length).toBeGreaterThan(0));
  for (const file of inclusionFiles) {
    const c = load(file);
    it(`${relative(ROOT, file)}: ${String(c.desc)} (wantErr ${String(c.wantErr)})`, () => {
      stats.inclusion++;
      const [index, treeSize] = [size(c.leafIdx), size(c.treeSize)];
      const [leaf, root, proof] = [b64(c.leafHash), b64(c.root), proofOf(c.proof)];
      const ok = verifyInclusion(index, treeSize, leaf, proof, root);
      expect(ok).toBe(!c.wantErr);
      if (c.wantErr) expect(() => checkRecord(proof, treeSize, root, index, leaf)).toThrow();
      else checkRecord(proof, treeSize, root, index, leaf);
      stats[c.wantErr ? 'rejected' : 'happy']++;
      if (!c.wantErr && isTestTree(treeSize, root)) {
        expect(store.inclusionProof(index, treeSize).map(toBase64)).toEqual(proof.map(toBase64));
        expect(toBase64(leafHash(fromHex(LEAVES[index])!))).toBe(toBase64(leaf));
        stats.generatedEqual++;
      }
    });
  }
});

describe('transparency-dev consistency vectors', () => {
  it('found vector files', () => expect(consistencyFiles.length).toBeGreaterThan(0));
  for (const file of consistencyFiles) {
    const c = load(file);
    it(`${relative(ROOT, file)}: ${String(c.desc)} (wantErr ${String(c.wantErr)})`, () => {
      stats.consistency++;
      const [size1, size2] = [size(c.size1), size(c.size2)];
      const [root1, root2, proof] = [b64(c.root1), b64(c.root2), proofOf(c.proof)];
      expect(verifyConsistency(size1, size2, root1, root2, proof)).toBe(!c.wantErr);
      if (c.wantErr) expect(() => checkTree(proof, size2, root2, size1, root1)).toThrow();
      else checkTree(proof, size2, root2, size1, root1);
      stats[c.wantErr ? 'rejected' : 'happy']++;
      if (!c.wantErr && isTestTree(size2, root2) && isTestTree(size1, root1)) {
        expect(store.consistencyProof(size1, size2).map(toBase64)).toEqual(proof.map(toBase64));
        stats.generatedEqual++;
      }
    });
  }
});

describe('vector totals', () => {
  it('read and checked every case', () => {
    expect(stats.inclusion).toBe(inclusionFiles.length);
    expect(stats.consistency).toBe(consistencyFiles.length);
    expect(stats.inclusion + stats.consistency).toBeGreaterThan(0);
    expect(stats.happy).toBeGreaterThan(0);
    expect(stats.rejected).toBeGreaterThan(0);
    expect(stats.generatedEqual).toBeGreaterThan(0);
    console.info(`tlog vectors: ${JSON.stringify(stats)}`);
  });

  it('documented roots', () => {
    expect(Buffer.from(store.root(0)).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(Buffer.from(store.root(8)).toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });
});
