/**
 * A/B of `toRows` (L8: the mapping taken once as two arrays) against the frozen 7c64073 copy
 * (`tests/io/reference/toRowsL8.ts`) on the records of the three tables (parsed once, outside the timing) every `dip settle` loads (catalog.csv, packet-stats.csv,
 * procedure-classes.csv, 1.5 MB). Warm: interleaved, best of N (default 7) CPU ms per side. Cold (what one CLI run
 * pays): `--cold new|old` maps the three once in this fresh process and prints the CPU ms; alternate the two in a
 * shell loop.
 *
 * Run: `npx tsx bench/l8-rows-ab.ts [--iterations 7] [--cold new|old]`
 */
import { readFileSync } from 'node:fs';
import type { Issue } from '../src/core/issue.js';
import { CATALOG_HEADER_ALIASES, decodeCatalogText, parseCsv, STATS_HEADER_ALIASES, toRows } from '../src/io/loadCatalog.js';
import { PROCEDURE_CLASS_HEADER_ALIASES } from '../src/io/loadProcedureClasses.js';
import { toRowsV0 } from '../tests/io/reference/toRowsL8.js';
import { benchOptions, coldOrWarmAB, cpuMs } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const texts0 = ['fixtures/pingdingshan-2025-dip2/catalog.csv', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', 'fixtures/icd/procedure-classes.csv'].map((p) => decodeCatalogText(readFileSync(p)).text);
const records = texts0.map((t) => parseCsv(t, []));
const sides = { new: toRows, old: toRowsV0 } as const;
const once = (f: typeof toRows): number => {
  const t0 = cpuMs();
  const issues: Issue[] = [];
  let n = f(records[0]!, CATALOG_HEADER_ALIASES, ['code', 'points'], 'c', issues).length;
  n += f(records[1]!, STATS_HEADER_ALIASES, ['code'], 's', issues).length;
  n += f(records[2]!, PROCEDURE_CLASS_HEADER_ALIASES, ['code', 'class'], 'p', issues).length;
  if (n !== 22633) throw new Error(`unexpected record count ${n}`);
  return cpuMs() - t0;
};
await coldOrWarmAB(opt, sides, once);
