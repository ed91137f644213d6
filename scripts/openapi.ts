/**
 * Writes the OpenAPI document generated from the route schemas to docs/openapi.json, so that API changes
 * show in review: `node bin/run-ts.mjs scripts/openapi.ts`. test/server/openapi.test.ts checks it is current.
 */
import { writeFile } from 'node:fs/promises';
import { generateOpenApi } from '../test/helpers/openapi';

await writeFile(new URL('../docs/openapi.json', import.meta.url), await generateOpenApi());
console.log('docs/openapi.json written');
