import type { Command } from 'commander';
import { evidenceCommands } from './evidence.commands';
import { exportCommand } from './export.command';
import { findingsCommands } from './findings.commands';
import { serveCommand } from './serve.command';
import { statsCommands } from './stats.commands';
import { workspaceCommands } from './workspace.commands';

/** Every command of the `vigil` CLI, one file per concern. */
export function registerCommands(program: Command): void {
  serveCommand(program);
  workspaceCommands(program);
  exportCommand(program);
  evidenceCommands(program);
  statsCommands(program);
  findingsCommands(program);
}
