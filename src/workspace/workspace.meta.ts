import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const WORKSPACE_KINDS = ['demo', 'real'] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];

export const workspaceMeta = z.object({
  format: z.literal(1),
  id: z.uuid(),
  kind: z.enum(WORKSPACE_KINDS),
  created: z.string(),
  /** Origin line of the evidence log's checkpoints: names the log. */
  logOrigin: z.string().min(1),
  storage: z.object({
    blobs: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('fs') }),
      z.object({ kind: z.literal('s3'), bucket: z.string(), prefix: z.string().default(''), region: z.string().optional(), endpoint: z.string().optional() }),
    ]),
  }),
});
export type WorkspaceMeta = z.infer<typeof workspaceMeta>;

export function resolveDataDir(flag?: string): string {
  return resolve(flag ?? process.env.VIGIL_DATA ?? './vigil-data');
}

export const metaPath = (dir: string) => join(dir, 'workspace.json');

export async function readWorkspaceMeta(dir: string): Promise<WorkspaceMeta | null> {
  let text: string;
  try {
    text = await readFile(metaPath(dir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const r = workspaceMeta.safeParse(JSON.parse(text));
  if (!r.success) throw new Error(`${metaPath(dir)}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export async function writeWorkspaceMeta(dir: string, kind: WorkspaceKind): Promise<WorkspaceMeta> {
  const id = randomUUID();
  const meta: WorkspaceMeta = {
    format: 1, id, kind, created: new Date().toISOString(),
    logOrigin: `vigil.local/${kind}/${id.slice(0, 8)}`,
    storage: { blobs: { kind: 'fs' } },
  };
  await mkdir(dir, { recursive: true });
  await writeFile(metaPath(dir), JSON.stringify(meta, null, 2) + '\n', { flag: 'wx' });
  return meta;
}
