// Types of bin/cli-build.mjs (for test/cli/commands.test.ts).
import type { BuildOptions } from 'esbuild';
export function compiledCli(root: string): Promise<string | null>;
export function buildOptions(root: string, outdir: string): BuildOptions & { metafile: true };
