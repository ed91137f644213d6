#!/usr/bin/env node
// Entry point of the `vigil` command. It runs a compiled copy of src/cli (bin/cli-build.mjs: built
// by esbuild on the first run after a source file changed, then reused), so there is no separate
// compile step between a checkout and a working command, and no TypeScript loader in the process
// (tsx's loader thread and per-module work cost ≈ 100 MiB; docs/DECISIONS.md). When the copy cannot
// be built (e.g. a read-only install), or with VIGIL_TSX=1, the sources run through tsx's loader.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = process.env.VIGIL_TSX === '1' ? null : await (await import('./cli-build.mjs')).compiledCli(root);
let main;
if (compiled) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);
