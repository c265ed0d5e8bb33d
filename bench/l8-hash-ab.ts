/**
 * A/B of the catalog content hash: `catalogContentHash` (L8: direct canonical writer, two-word FNV loop) against the
 * frozen 7c64073 version (`tests/catalog/reference/contentHashL8.ts`) on the Pingdingshan catalog with statistics
 * (4,536 packets, 1.4 M characters of canonical JSON). Warm: interleaved best of N (default 7) CPU ms. Cold (what one
 * CLI run pays): `--cold new|old` hashes once in this fresh process, on packets read from the JSON file `--dump`
 * wrote (so that neither hash has run before in the process: loading the catalog would run the new one); alternate
 * the two in a shell loop.
 *
 * Run: `npx tsx bench/l8-hash-ab.ts [--iterations 7] [--dump | --cold new|old] [--file /tmp/l8-hash-packets.json]`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Catalog, Packet } from '../src/catalog/types.js';
import { catalogContentHash } from '../src/catalog/indexCatalog.js';
import { loadCatalog } from '../src/io/loadCatalog.js';
import { catalogContentHashV0 } from '../tests/catalog/reference/contentHashL8.js';
import { benchOptions, coldOrWarmAB, cpuMs } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const file = opt.arg('file') ?? '/tmp/l8-hash-packets.json';
const cold = opt.arg('cold');
const HASH = 'fnv1a64:52e63083eced1379';
let catalog: Pick<Catalog, 'packets' | 'excludedPrincipalDx' | 'ignoredProcedures' | 'regionAverageCost'>;
if (cold === undefined) {
  catalog = (await loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', { statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv' })).catalog;
  if (opt.flag('dump')) writeFileSync(file, JSON.stringify({ packets: catalog.packets, regionAverageCost: catalog.regionAverageCost }));
} else {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { packets: Packet[]; regionAverageCost: Catalog['regionAverageCost'] };
  catalog = { packets: doc.packets, excludedPrincipalDx: [], ignoredProcedures: new Set(), ...(doc.regionAverageCost === undefined ? {} : { regionAverageCost: doc.regionAverageCost }) };
}
const meta = { excludedPrincipalDx: catalog.excludedPrincipalDx, ignoredProcedures: [...catalog.ignoredProcedures], ...(catalog.regionAverageCost === undefined ? {} : { regionAverageCost: catalog.regionAverageCost }) };
const sides = { new: catalogContentHash, old: catalogContentHashV0 } as const;
const once = (f: typeof catalogContentHash): number => {
  const t0 = cpuMs();
  const h = f(catalog.packets, meta);
  const t = cpuMs() - t0;
  if (h !== HASH) throw new Error(`hash ${h} != ${HASH}`);
  return t;
};
await coldOrWarmAB(opt, sides, once);
