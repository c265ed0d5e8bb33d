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
import { loadavg } from 'node:os';
import type { Issue } from '../src/core/issue.js';
import { buildCatalogFromRows } from '../src/catalog/buildCatalogFromRows.js';
import { CATALOG_HEADER_ALIASES, decodeCatalogText, parseCsv, STATS_HEADER_ALIASES, toRows } from '../src/io/loadCatalog.js';
import { buildCatalogFromRows as buildCatalogFromRowsV0 } from '../tests/catalog/reference/buildCatalogFromRowsL8.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const fx = 'fixtures/pingdingshan-2025-dip2';
const issues: Issue[] = [];
const rows = toRows(parseCsv(decodeCatalogText(readFileSync(`${fx}/catalog.csv`)).text, issues), CATALOG_HEADER_ALIASES, ['code', 'points'], 'catalog.csv', issues);
const statsRows = toRows(parseCsv(decodeCatalogText(readFileSync(`${fx}/packet-stats.csv`)).text, issues), STATS_HEADER_ALIASES, ['code'], 'packet-stats.csv', issues);
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sides = { new: buildCatalogFromRows, old: buildCatalogFromRowsV0 } as const;
const once = (f: typeof buildCatalogFromRows): number => {
  const t0 = cpu();
  const r = f({ meta: { id: 'pds', name: 'pds', version: '' }, notation: 'pingdingshan', rows, statsRows });
  const t = cpu() - t0;
  if (r.catalog.contentHash !== 'fnv1a64:52e63083eced1379') throw new Error(`hash ${r.catalog.contentHash}`);
  return t;
};
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
const cold = arg('cold');
if (cold === 'new' || cold === 'old') {
  console.log(`cold ${cold} ${once(sides[cold]).toFixed(1)} ms, load ${load}`);
} else {
  const best = { new: Infinity, old: Infinity };
  const n = Number(arg('iterations') ?? 7);
  for (let i = 0; i < n; i++) for (const s of i % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const)) best[s] = Math.min(best[s], once(sides[s]));
  console.log(`warm best of ${n}: old ${best.old.toFixed(1)} ms, new ${best.new.toFixed(1)} ms, x${(best.new / best.old).toFixed(3)}, load ${load}`);
}
