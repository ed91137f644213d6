import { Command, CommanderError } from 'commander';
import { KeyringError, SealError } from '../auth';
import { FolderInUseError } from '../db';
import { ValidationError } from '../domain';
import { WorkspaceError } from '../workspace';
import { CliError } from './common';
import { registerCommands } from './commands';

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description('Vigil: documentation of prisoners of war and detainees')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs the CLI; never waits on stdin when it is not a TTY; exit code non-zero on failure with the reason on stderr. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    process.exitCode = err instanceof CliError ? err.exitCode : 1;
    if (err instanceof ValidationError) {
      process.stderr.write(`vigil: invalid input\n${err.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}\n`);
    } else if (err instanceof CliError || err instanceof WorkspaceError || err instanceof FolderInUseError || err instanceof KeyringError || err instanceof SealError || isServiceError(err)) {
      process.stderr.write(`vigil: ${err.message}\n`);
    } else {
      process.stderr.write(`vigil: ${(err as Error)?.stack ?? String(err)}\n`);
    }
  }
}

/** The services' errors (not found, conflict, forbidden, …) carry an HTTP-like status: a clean message, no stack. */
function isServiceError(err: unknown): err is Error {
  return err instanceof Error && typeof (err as { status?: unknown }).status === 'number';
}
