// Interoperability: Go's golang.org/x/mod/sumdb/note and sumdb/tlog (Debian's golang-golang-x-mod-dev,
// built offline in GOPATH mode, never downloaded) verify Vigil's checkpoints, proofs and bundles.
// Skipped, with the reason printed, when `go` or those sources are not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { mkdir } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { toBase64 } from '../../src/evidence';
import { evidenceOf } from '../../src/workspace';
import { openTestWorkspace } from '../helpers/db';
import { bytes, INVESTIGATOR } from '../evidence/fixtures';

const GOPATH = '/usr/share/gocode';
const hasGo = spawnSync('go', ['version']).status === 0;
const hasMod = existsSync(join(GOPATH, 'src/golang.org/x/mod/sumdb/tlog/tlog.go'));
const reason = !hasGo ? '`go` is not installed (apt-get install golang-go)' : !hasMod ? `golang.org/x/mod sources are not in ${GOPATH} (apt-get install golang-golang-x-mod-dev)` : '';
if (reason) console.log(`interop test skipped: ${reason}`);

describe.skipIf(!!reason)('Go sumdb/note + sumdb/tlog verify Vigil output', () => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ws = await openTestWorkspace('pglite');
    dir = await mkdtemp(join(tmpdir(), 'vigil-go-'));
    env = { ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: join(dir, 'gocache'), GOPROXY: 'off', GOFLAGS: '', HOME: dir };
  });
  afterAll(async () => {
    await ws?.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const go = (args: string[]) => execFileSync('go', args, { env, encoding: 'utf8', cwd: dir });

  it('checkpoints, an inclusion proof and a consistency proof', async () => {
    const v = evidenceOf(ws);
    const items = [];
    for (let i = 0; i < 6; i++) items.push(await v.intake.add(INVESTIGATOR, bytes(`synthetic interop file ${i}\n`), {}));
    const old = (await v.log.latest())!;
    for (let i = 6; i < 13; i++) await v.intake.add(INVESTIGATOR, bytes(`synthetic interop file ${i}\n`), {});
    const cur = (await v.log.latest())!;
    const inc = await v.log.inclusionProof(4, cur.size);
    const con = await v.log.consistencyProof(old.size, cur.size);
    const d = join(dir, 'case');
    await mkdir(d);
    await writeFile(join(d, 'key.txt'), `${await v.log.verifierKey()}\n`);
    await writeFile(join(d, 'old.txt'), old.note);
    await writeFile(join(d, 'new.txt'), cur.note);
    await writeFile(join(d, 'leaf.bin'), (await v.log.leaf(4)).data);
    await writeFile(join(d, 'inclusion.json'), JSON.stringify({ index: inc.index, treeSize: inc.treeSize, leafHash: toBase64(inc.leafHash), proof: inc.proof.map(toBase64) }));
    await writeFile(join(d, 'consistency.json'), JSON.stringify({ size1: con.size1, size2: con.size2, proof: con.proof.map(toBase64) }));
    const out = go(['run', join(__dirname, 'verify_checkpoint.go'), d]);
    expect(out).toContain(`checkpoints ${old.size} and ${cur.size} signed and consistent; leaf 4 included`);
    // A tampered leaf fails in Go too.
    await writeFile(join(d, 'leaf.bin'), Buffer.from('tampered'));
    expect(spawnSync('go', ['run', join(__dirname, 'verify_checkpoint.go'), d], { env, cwd: dir }).status).not.toBe(0);
  });

  it("a court bundle's own verify.go passes on the unzipped bundle", async () => {
    const v = evidenceOf(ws);
    const { items } = await v.custody.list(INVESTIGATOR, { limit: 3 });
    const zip = join(dir, 'case.zip');
    await v.bundle(INVESTIGATOR, items.map((i) => i.id), zip);
    const out = join(dir, 'bundle');
    const z = await yauzl.openPromise(zip, { lazyEntries: true });
    for await (const e of z.eachEntry()) {
      await mkdir(join(out, e.fileName, '..'), { recursive: true });
      await pipeline(await z.openReadStreamPromise(e), createWriteStream(join(out, e.fileName)));
    }
    z.close();
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' })).toMatch(/: OK/);
    expect(go(['run', join(out, 'verify.go'), out])).toContain('all files, log entries and proofs verify');
  });
});
