import type { Command } from 'commander';
import { backupCommands } from './backup.commands';
import { evidenceCommands } from './evidence.commands';
import { exportCommand } from './export.command';
import { findingsCommands } from './findings.commands';
import { importCommands } from './import.commands';
import { keysCommands } from './keys.commands';
import { linkageCommands } from './linkage.commands';
import { serveCommand } from './serve.command';
import { statsCommands } from './stats.commands';
import { userCommands } from './user.commands';
import { workspaceCommands } from './workspace.commands';

/** Every command of the `vigil` CLI, one file per concern. */
export function registerCommands(program: Command): void {
  serveCommand(program);
  workspaceCommands(program);
  exportCommand(program);
  userCommands(program);
  keysCommands(program);
  backupCommands(program);
  evidenceCommands(program);
  statsCommands(program);
  linkageCommands(program);
  findingsCommands(program);
  importCommands(program);
}
