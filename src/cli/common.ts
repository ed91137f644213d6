import type { Command } from 'commander';
import { resolveDataDir, openWorkspace, type Workspace, type OpenWorkspaceOptions } from '../workspace';

export interface GlobalOptions {
  data?: string;
  json?: boolean;
}

/** Adds the options every command takes. */
export function common(cmd: Command): Command {
  return cmd
    .option('--data <path>', 'workspace folder (default ./vigil-data, env VIGIL_DATA)')
    .option('--json', 'machine-readable output on stdout');
}

export class CliError extends Error {
  constructor(message: string, public readonly exitCode = 1) {
    super(message);
  }
}

export async function withWorkspace<T>(opts: GlobalOptions, fn: (ws: Workspace) => Promise<T>, open: OpenWorkspaceOptions = {}): Promise<T> {
  const ws = await openWorkspace(resolveDataDir(opts.data), open);
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

/** Prints a result: JSON with --json, else the human text. */
export function output(opts: GlobalOptions, value: unknown, human: () => string): void {
  process.stdout.write(opts.json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}

/** Informational lines go to stderr so stdout stays clean for --json. */
export function info(message: string): void {
  process.stderr.write(message + '\n');
}
