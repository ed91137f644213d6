// The evidence vault of an open workspace (blob store from workspace.json, log origin, signing key
// in the keys folder), built once per workspace and reused by the server, the CLI and the demo.
import { createEvidenceVault, type EvidenceVault } from '../evidence';
import { readKeyFile, writeKeyFile } from './keys';
import type { Workspace } from './workspace';

const vaults = new WeakMap<Workspace, EvidenceVault>();

export function evidenceOf(ws: Workspace): EvidenceVault {
  let v = vaults.get(ws);
  if (!v) {
    v = createEvidenceVault({
      db: ws.database.db,
      kind: ws.database.kind,
      dir: ws.dir,
      origin: ws.meta.logOrigin,
      storage: ws.meta.storage.blobs,
      keys: { read: (name) => readKeyFile(ws.dir, name), write: (name, content) => writeKeyFile(ws.dir, name, content) },
    });
    vaults.set(ws, v);
  }
  return v;
}
