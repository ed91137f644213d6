export * from './connection';
export * from './tx';
export { FolderInUseError } from './lock';
export * as schema from './schema';
