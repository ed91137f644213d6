// The compiled copy of the CLI that bin/vigil.mjs runs: src/cli/main.ts and everything it imports,
// bundled by esbuild (the compiler tsx uses) into ES modules split at every dynamic import, so a
// command loads only its own code. It lives in node_modules/.cache/vigil-cli/ and is rebuilt, on
// the next run, when any of its source files changed (size or modification time), so there is no
// build step to remember. Why not tsx at run time: docs/DECISIONS.md ("TypeScript without a compile step; the CLI runs a compiled copy …").
import { readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CACHE = join('node_modules', '.cache', 'vigil-cli');
/** Builds other than the current one stay this long (a running `vigil serve` may still load chunks from its own). */
const KEEP_MS = 24 * 3600 * 1000;

const fingerprint = (st) => `${st.size}:${st.mtimeMs}`;

/** The compiled entry module (its file URL) of the CLI under `root`, built if missing or stale; null when it cannot be built here. */
export async function compiledCli(root) {
  const dir = join(root, CACHE);
  const current = await readFile(join(dir, 'current.json'), 'utf8').then(JSON.parse, () => null);
  if (current?.root === root && (await fresh(root, current.inputs))) return pathToFileURL(join(dir, current.build, 'main.mjs')).href;
  return build(root, dir);
}

async function fresh(root, inputs) {
  const checks = await Promise.all(Object.entries(inputs).map(([file, fp]) => stat(join(root, file)).then((st) => fingerprint(st) === fp, () => false)));
  return checks.every(Boolean);
}

async function build(root, dir) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const name = `b-${Date.now().toString(36)}-${process.pid}`;
  const tmp = join(dir, `.${name}`);
  try {
    const r = await esbuild.build(buildOptions(root, tmp));
    const inputs = {};
    // The sources, and what shapes their compilation.
    for (const file of [...Object.keys(r.metafile.inputs), 'tsconfig.json', 'package.json', 'bin/cli-build.mjs']) inputs[file] = fingerprint(await stat(join(root, file)));
    await rename(tmp, join(dir, name));
    const next = join(dir, `.current-${name}.json`);
    await writeFile(next, JSON.stringify({ root, build: name, inputs }));
    await rename(next, join(dir, 'current.json'));
    await prune(dir, name);
    return pathToFileURL(join(dir, name, 'main.mjs')).href;
  } catch {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
    return null; // read-only install, no esbuild binary, …: the caller runs the sources with tsx
  } finally {
    await esbuild.stop?.();
  }
}

/** esbuild's options for the CLI (also read by test/cli/commands.test.ts). */
export function buildOptions(root, outdir) {
  return {
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [sourceImportMeta(root)],
  };
}

/** `import.meta.url` keeps meaning the source file (migrations, web/dist, fixtures are found relative to it). */
function sourceImportMeta(root) {
  return {
    name: 'source-import-meta',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(resolve(root, args.path)).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

async function prune(dir, keep) {
  for (const entry of await readdir(dir)) {
    if (entry === keep || !entry.startsWith('b-')) continue;
    const st = await stat(join(dir, entry)).catch(() => null);
    if (st && Date.now() - st.mtimeMs > KEEP_MS) await rm(join(dir, entry), { recursive: true, force: true }).catch(() => {});
  }
}
