export * from './workspace';
export * from './workspace.meta';
export * from './status';
export * from './keys';
export { evidenceOf } from './evidence';
export { authOf } from './auth';
export { backupWorkspace, restoreWorkspace, comparableStatus, entryTarget, BackupError, BACKUP_FORMAT, type BackupManifest, type BackupOptions, type RestoreOptions, type ComparableStatus } from './backup';
