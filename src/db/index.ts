export * from './connection';
export * from './tx';
export { bulkInsert } from './bulk';
export { canCopy, copyIn, copyRows, CopyWriter, COPY_BYTES } from './copy';
export { FolderInUseError } from './lock';
export * as schema from './schema';
