export { fieldValue, type LinkRecord } from './record.types';
export { splitFullName, type NameParts } from './full-name';
export { parseBirthDate, type BirthDate, type BirthDateResult } from './birth-date';
export { normalizeRank, normalizeUnit, normalizeSex, RANK_CODES, type UnitKey } from './military';
