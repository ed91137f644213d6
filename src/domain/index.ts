export * from './partial-date';
export * from './vocabulary';
