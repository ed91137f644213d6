export { jaro, jaroWinkler } from './jaro-winkler';
export { levenshtein, damerau, editDistance, levenshteinSimilarity } from './edit-distance';
export { phoneticKey } from './phonetic';
