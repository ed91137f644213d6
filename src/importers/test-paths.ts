/** Paths of the synthetic importer fixtures (for tests and the benchmark). */
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../test/fixtures/importers/', import.meta.url));
export const fixture = (rel: string) => FIXTURES + rel;
