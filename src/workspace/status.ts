import { queryRows } from '../db';
import type { Workspace } from './workspace';

export interface WorkspaceStatus {
  workspace: { id: string; kind: string; dir: string; created: string; logOrigin: string };
  database: { kind: string; description: string };
  counts: Record<string, number>;
  log: { size: number; checkpoints: number };
  dataVersion: number;
}

const COUNTED = [
  'sources', 'persons', 'person_records', 'facilities', 'custody_episodes', 'allegations', 'witnesses',
  'evidence_items', 'custody_events', 'documents', 'import_runs', 'findings', 'users', 'link_decisions', 'audit_events',
] as const;

/** Counts of every entity, log size, workspace and database kind: `vigil status --json` and GET /api/v1/status. */
export async function workspaceStatus(ws: Workspace): Promise<WorkspaceStatus> {
  const sql = `select ${COUNTED.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ')},
    (select count(*) from person_records where is_current)::int as current_records,
    (select count(*) from log_leaves)::int as log_size,
    (select count(*) from checkpoints)::int as checkpoints,
    (select coalesce(max(id), 0) from audit_events)::int as data_version`;
  const [r] = await queryRows<Record<string, number>>(ws.database.db, sql);
  const counts: Record<string, number> = {};
  for (const t of COUNTED) counts[t] = Number(r[t]);
  counts.current_person_records = Number(r.current_records);
  return {
    workspace: { id: ws.meta.id, kind: ws.meta.kind, dir: ws.dir, created: ws.meta.created, logOrigin: ws.meta.logOrigin },
    database: { kind: ws.database.kind, description: await ws.database.describe() },
    counts,
    log: { size: Number(r.log_size), checkpoints: Number(r.checkpoints) },
    dataVersion: Number(r.data_version),
  };
}
