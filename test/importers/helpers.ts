// Shared helpers of the import tests: the service over a test workspace, and everything that counts
// as "written" (status counts, data version, and the import tables status does not count).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queryRows } from '../../src/db';
import { ImportService } from '../../src/importers';
import { evidenceOf, workspaceStatus, type Workspace } from '../../src/workspace';

export const FIXTURES = fileURLToPath(new URL('../fixtures/importers/', import.meta.url));
export const fixture = (name: string) => join(FIXTURES, name);
export const TODAY = '2024-06-01';

export function importService(ws: Workspace): ImportService {
  return new ImportService({ db: ws.database.db, kind: ws.database.kind, registry: ws.registry, vault: () => evidenceOf(ws) });
}

/** Every count that an import may change; equal before and after means nothing was written. */
export async function snapshot(ws: Workspace): Promise<Record<string, number>> {
  const st = await workspaceStatus(ws);
  const [extra] = await queryRows<Record<string, number>>(ws.database.db, `select (select count(*) from import_rejects)::int as import_rejects,
    (select count(*) from import_items)::int as import_items, (select count(*) from allegation_victims)::int as allegation_victims,
    (select count(*) from facility_names)::int as facility_names, (select count(*) from allegation_perpetrators)::int as allegation_perpetrators`);
  const out: Record<string, number> = { ...st.counts, dataVersion: st.dataVersion, logSize: st.log.size, checkpoints: st.log.checkpoints };
  for (const [k, v] of Object.entries(extra)) out[k] = Number(v);
  return out;
}

/** A temporary folder, removed by the returned function. */
export async function tempDir(prefix = 'vigil-import-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of the Telegram export fixture (tests that edit it). */
export async function copyTelegramExport(dir: string): Promise<string> {
  const to = join(dir, 'ChatExport_2024-03-01');
  await cp(join(FIXTURES, 'telegram', 'ChatExport_2024-03-01'), to, { recursive: true });
  return to;
}
