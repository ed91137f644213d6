import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server';
import { openWorkspace } from '../../src/workspace';

/** The OpenAPI document of the server as JSON text (stable: generated from the route schemas only). */
export async function generateOpenApi(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-openapi-'));
  const ws = await openWorkspace(join(dir, 'ws'), { create: 'real', databaseUrl: null });
  try {
    const app = await buildApp({ workspace: ws });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return JSON.stringify(doc, null, 2) + '\n';
  } finally {
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  }
}
