export * from './partial-date';
export * from './vocabulary';
export * from './errors';
export * from './actor';
export * from './random';
