import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every command file of the `vigil` CLI (one per concern), loaded on demand, and the top-level
 * commands each one registers. A command file imports its room (importers pull in exceljs,
 * mammoth, linkedom, unpdf; findings, linkage, the server …), so a process that runs one command
 * loads only that command's file: `vigil evidence add` never loads the importers.
 * test/cli/commands.test.ts checks this table against what the files register.
 */
export const COMMAND_FILES: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['serve'], load: async () => (await import('./serve.command')).serveCommand },
  { names: ['init', 'demo', 'migrate', 'status'], load: async () => (await import('./workspace.commands')).workspaceCommands },
  { names: ['export'], load: async () => (await import('./export.command')).exportCommand },
  { names: ['user'], load: async () => (await import('./user.commands')).userCommands },
  { names: ['keys'], load: async () => (await import('./keys.commands')).keysCommands },
  { names: ['backup', 'restore'], load: async () => (await import('./backup.commands')).backupCommands },
  { names: ['evidence', 'log', 'verify'], load: async () => (await import('./evidence.commands')).evidenceCommands },
  { names: ['mse', 'rates'], load: async () => (await import('./stats.commands')).statsCommands },
  { names: ['link', 'review', 'person'], load: async () => (await import('./linkage.commands')).linkageCommands },
  { names: ['finding', 'report'], load: async () => (await import('./findings.commands')).findingsCommands },
  { names: ['import'], load: async () => (await import('./import.commands')).importCommands },
];

/** Registers every command of the CLI, in the order `vigil --help` lists them. */
export async function registerCommands(program: Command): Promise<void> {
  for (const file of COMMAND_FILES) (await file.load())(program);
}

/**
 * Registers what `argv` (process.argv) runs: when its first argument names a top-level command,
 * only the file that defines it (commander dispatches on that name alone, so parsing, errors and
 * the command's own help are the same); none for `vigil --version`; otherwise (help, a mistyped
 * name, an option) all of them.
 */
export async function registerCommandsFor(program: Command, argv: readonly string[]): Promise<void> {
  const first = argv[2];
  if (argv.length === 3 && (first === '--version' || first === '-V')) return; // the program's own option
  const file = first === undefined ? undefined : COMMAND_FILES.find((f) => f.names.includes(first));
  if (file) (await file.load())(program);
  else await registerCommands(program);
}
