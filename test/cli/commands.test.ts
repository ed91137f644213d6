// The CLI loads one command file per run (src/cli/commands.ts): its table must name exactly the
// top-level commands each file registers, and `vigil evidence add` must not carry the importers,
// findings, linkage or the server (the memory target of issue #3, docs/BENCHMARKS.md "Evidence").
import { Command } from 'commander';
import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOptions } from '../../bin/cli-build.mjs';
import { COMMAND_FILES } from '../../src/cli/commands';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('vigil command files', () => {
  it('the table names exactly the top-level commands each file registers, each once', async () => {
    const all: string[] = [];
    for (const file of COMMAND_FILES) {
      const program = new Command();
      (await file.load())(program);
      expect(program.commands.map((c) => c.name())).toEqual(file.names);
      all.push(...file.names);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('`vigil evidence add` loads no other room\'s heavy modules', async () => {
    const r = await build({ ...buildOptions(ROOT, '/nonexistent-vigil-out'), write: false, sourcemap: false });
    const outputs: Metafile['outputs'] = r.metafile.outputs;
    const chunk = (entry: string): string => {
      const k = Object.keys(outputs).find((o) => outputs[o].entryPoint === entry);
      if (!k) throw new Error(`no chunk for ${entry}`);
      return k;
    };
    // What main.ts and evidence.commands.ts load before any action runs: static imports, transitively.
    const sources = new Set<string>();
    const packages = new Set<string>();
    const seen = new Set<string>();
    const walk = (k: string): void => {
      if (seen.has(k)) return;
      seen.add(k);
      for (const input of Object.keys(outputs[k].inputs)) sources.add(input);
      for (const i of outputs[k].imports) {
        if (i.kind === 'dynamic-import') continue;
        if (i.external) packages.add(i.path);
        else walk(i.path);
      }
    };
    walk(chunk('src/cli/main.ts'));
    walk(chunk('src/cli/evidence.commands.ts'));
    expect(sources).toContain('src/evidence/intake.service.ts');
    for (const room of ['importers', 'findings', 'server', 'persons-linkage', 'analysis', 'stats', 'demo']) {
      expect([...sources].filter((s) => s.startsWith(`src/${room}/`)), room).toEqual([]);
    }
    for (const p of ['exceljs', 'mammoth', 'linkedom', 'unpdf', 'fastify', 'pg', '@aws-sdk/client-s3', 'yazl', 'yauzl']) expect(packages, p).not.toContain(p);
  });
});
