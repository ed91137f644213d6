export { generateSynthetic, type SyntheticOptions, type SyntheticRecord } from './generator';
