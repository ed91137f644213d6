/**
 * The OpenAPI document is checked in (docs/openapi.json) so that API changes show in review. This
 * test fails when the routes' schemas changed and the file was not regenerated with `npm run openapi`.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApi } from '../helpers/openapi';

describe('docs/openapi.json', () => {
  let generated = '';
  beforeAll(async () => { generated = await generateOpenApi(); }, 120_000);

  it('is the document the server generates from its route schemas (run `npm run openapi` after API changes)', async () => {
    const checkedIn = await readFile(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    const paths = (text: string) => Object.keys((JSON.parse(text) as { paths: Record<string, unknown> }).paths).sort();
    // Paths first, so a missing route is named rather than buried in a 600 kB diff.
    expect(paths(checkedIn)).toEqual(paths(generated));
    expect(checkedIn === generated, 'docs/openapi.json is stale: run `npm run openapi`').toBe(true);
  });

  it('documents every /api/v1 route with at least one response schema', async () => {
    const doc = JSON.parse(generated) as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    const bare: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1')) continue;
      for (const [method, op] of Object.entries(ops)) if (!op.responses || !Object.keys(op.responses).length) bare.push(`${method.toUpperCase()} ${path}`);
    }
    expect(bare).toEqual([]);
  });
});
