/**
 * A/B of the start-up CSV parse: `parseCsv` (L8 fast path) against the frozen csv-parse version of 7c64073
 * (`tests/io/reference/parseCsvL8.ts`) on the three tables every `dip settle` loads (catalog.csv, packet-stats.csv,
 * procedure-classes.csv, 1.5 MB). Warm: interleaved, best of N (default 7) CPU ms per side. Cold (what one CLI run
 * pays): `--cold new|old` parses the three once in this fresh process and prints the CPU ms; alternate the two in a
 * shell loop.
 *
 * Run: `npx tsx bench/l8-csv-ab.ts [--iterations 7] [--cold new|old]`
 */
import { readFileSync } from 'node:fs';
import type { Issue } from '../src/core/issue.js';
import { decodeCatalogText, parseCsv } from '../src/io/loadCatalog.js';
import { parseCsvV0 } from '../tests/io/reference/parseCsvL8.js';
import { benchOptions, coldOrWarmAB, cpuMs } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const texts = ['fixtures/pingdingshan-2025-dip2/catalog.csv', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', 'fixtures/icd/procedure-classes.csv'].map((p) => decodeCatalogText(readFileSync(p)).text);
const sides = { new: parseCsv, old: parseCsvV0 } as const;
const once = (f: (t: string, i: Issue[]) => unknown): number => {
  const t0 = cpuMs();
  let n = 0;
  for (const t of texts) n += (f(t, []) as unknown[]).length;
  if (n !== 22636) throw new Error(`unexpected record count ${n}`);
  return cpuMs() - t0;
};
await coldOrWarmAB(opt, sides, once);
