import { Command, CommanderError } from 'commander';
import { CliError } from './common';
import { registerCommands, registerCommandsFor } from './commands';

function newProgram(): Command {
  return new Command('vigil')
    .description('Vigil: documentation of prisoners of war and detainees')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
}

/** The whole CLI, every command registered (every room's modules loaded). */
export async function buildProgram(): Promise<Command> {
  const program = newProgram();
  await registerCommands(program);
  return program;
}

/** Runs the CLI; never waits on stdin when it is not a TTY; exit code non-zero on failure with the reason on stderr. */
export async function main(argv: string[]): Promise<void> {
  const program = newProgram();
  try {
    // Only the command file that argv runs is loaded (see registerCommandsFor).
    await registerCommandsFor(program, argv);
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    process.exitCode = err instanceof CliError ? err.exitCode : 1;
    // The error classes of the rooms load here, not at start: a command that failed has loaded them already when they matter.
    const [{ KeyringError, SealError }, { FolderInUseError }, { ValidationError }, { WorkspaceError }] = await Promise.all([import('../auth'), import('../db'), import('../domain'), import('../workspace')]);
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
