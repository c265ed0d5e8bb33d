/**
 * Write `schema/policy.schema.json` and `schema/presets/<name>.json` from the TypeScript sources.
 * Run: `npx tsx scripts/write-policy-schema.ts` (tests/policy/jsonSchema.test.ts fails when the files drift).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyJsonSchemaText, presetJsonText } from '../src/policy/serialize.js';
import { PRESET_NAMES } from '../src/policy/presets/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'schema', 'presets'), { recursive: true });
writeFileSync(join(root, 'schema', 'policy.schema.json'), policyJsonSchemaText());
for (const name of PRESET_NAMES) writeFileSync(join(root, 'schema', 'presets', `${name}.json`), presetJsonText(name));
process.stdout.write(`wrote schema/policy.schema.json and ${PRESET_NAMES.length} presets\n`);
