/**
 * A/B of `buildCatalogFromRows` (L8: Decimal-free validation, statistics points compared as texts, own-key copy of
 * the statistics) against the frozen 7c64073 copy (`tests/catalog/reference/buildCatalogFromRowsL8.ts`) on the
 * Pingdingshan catalog and statistics rows (4,444 + 4,536), content hash included. Warm: interleaved best of N
 * (default 7) CPU ms. Cold (what one CLI run pays): `--cold new|old` builds once in this fresh process; alternate the
 * two in a shell loop.
 *
 * Run: `npx tsx bench/l8-build-ab.ts [--iterations 7] [--cold new|old]`
 */
import { readFileSync } from 'node:fs';
import type { Issue } from '../src/core/issue.js';
import { buildCatalogFromRows } from '../src/catalog/buildCatalogFromRows.js';
import { CATALOG_HEADER_ALIASES, decodeCatalogText, parseCsv, STATS_HEADER_ALIASES, toRows } from '../src/io/loadCatalog.js';
import { buildCatalogFromRows as buildCatalogFromRowsV0 } from '../tests/catalog/reference/buildCatalogFromRowsL8.js';
import { benchOptions, coldOrWarmAB, cpuMs } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const fx = 'fixtures/pingdingshan-2025-dip2';
const issues: Issue[] = [];
const rows = toRows(parseCsv(decodeCatalogText(readFileSync(`${fx}/catalog.csv`)).text, issues), CATALOG_HEADER_ALIASES, ['code', 'points'], 'catalog.csv', issues);
const statsRows = toRows(parseCsv(decodeCatalogText(readFileSync(`${fx}/packet-stats.csv`)).text, issues), STATS_HEADER_ALIASES, ['code'], 'packet-stats.csv', issues);
const sides = { new: buildCatalogFromRows, old: buildCatalogFromRowsV0 } as const;
const once = (f: typeof buildCatalogFromRows): number => {
  const t0 = cpuMs();
  const r = f({ meta: { id: 'pds', name: 'pds', version: '' }, notation: 'pingdingshan', rows, statsRows });
  const t = cpuMs() - t0;
  if (r.catalog.contentHash !== 'fnv1a64:52e63083eced1379') throw new Error(`hash ${r.catalog.contentHash}`);
  return t;
};
await coldOrWarmAB(opt, sides, once);
