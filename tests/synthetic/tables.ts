import { fileURLToPath } from 'node:url';
import { fixturePaths, loadSyntheticTables } from '../../src/io/loadPacketStats.js';
import type { SyntheticTables } from '../../src/synthetic/index.js';

/** Repository fixtures root. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));

let cached: Promise<SyntheticTables> | undefined;

/** The Pingdingshan 2025 statistics and ICD tables, loaded once per test file. */
export function pingdingshanTables(): Promise<SyntheticTables> {
  cached ??= loadSyntheticTables(fixturePaths(FIXTURES));
  return cached;
}
