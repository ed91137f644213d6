/** Public API of the record-linkage room. */
export * from './names';
