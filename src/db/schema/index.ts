export * from './registry';
export * from './witnesses';
export * from './audit';
export * from './evidence';
export * from './auth';
export * from './linkage';
export * from './findings';
export * from './imports';
