import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiRoutes } from '../src/index.js';
import { openApiText } from '../src/openapi.js';

/**
 * Writes packages/producer-api/openapi.json from the route array (`npm run api:openapi`), formatted as the
 * repository's formatter wants it, so `npm run lint` accepts the checked-in file as generated.
 */
const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
writeFileSync(target, openApiText(apiRoutes), 'utf8');
const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
execFileSync(biome, ['format', '--write', target], { stdio: 'ignore' });
process.stdout.write(`wrote ${target} (${apiRoutes.length} routes)\n`);
