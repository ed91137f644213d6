export * from './workspace';
export * from './workspace.meta';
export * from './status';
export * from './keys';
export { evidenceOf } from './evidence';
export { authOf } from './auth';
