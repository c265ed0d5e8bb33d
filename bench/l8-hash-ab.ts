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
import { loadavg } from 'node:os';
import type { Catalog, Packet } from '../src/catalog/types.js';
import { catalogContentHash } from '../src/catalog/indexCatalog.js';
import { loadCatalog } from '../src/io/loadCatalog.js';
import { catalogContentHashV0 } from '../tests/catalog/reference/contentHashL8.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const file = arg('file') ?? '/tmp/l8-hash-packets.json';
const cold = arg('cold');
const HASH = 'fnv1a64:52e63083eced1379';
let catalog: Pick<Catalog, 'packets' | 'excludedPrincipalDx' | 'ignoredProcedures' | 'regionAverageCost'>;
if (cold === undefined) {
  catalog = (await loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', { statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv' })).catalog;
  if (process.argv.includes('--dump')) writeFileSync(file, JSON.stringify({ packets: catalog.packets, regionAverageCost: catalog.regionAverageCost }));
} else {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { packets: Packet[]; regionAverageCost: Catalog['regionAverageCost'] };
  catalog = { packets: doc.packets, excludedPrincipalDx: [], ignoredProcedures: new Set(), ...(doc.regionAverageCost === undefined ? {} : { regionAverageCost: doc.regionAverageCost }) };
}
const meta = { excludedPrincipalDx: catalog.excludedPrincipalDx, ignoredProcedures: [...catalog.ignoredProcedures], ...(catalog.regionAverageCost === undefined ? {} : { regionAverageCost: catalog.regionAverageCost }) };
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sides = { new: catalogContentHash, old: catalogContentHashV0 } as const;
const once = (f: typeof catalogContentHash): number => {
  const t0 = cpu();
  const h = f(catalog.packets, meta);
  const t = cpu() - t0;
  if (h !== HASH) throw new Error(`hash ${h} != ${HASH}`);
  return t;
};
const load = loadavg().map((x) => x.toFixed(2)).join(' ');
if (cold === 'new' || cold === 'old') {
  console.log(`cold ${cold} ${once(sides[cold]).toFixed(1)} ms, load ${load}`);
} else {
  const best = { new: Infinity, old: Infinity };
  const n = Number(arg('iterations') ?? 7);
  for (let i = 0; i < n; i++) for (const s of i % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const)) best[s] = Math.min(best[s], once(sides[s]));
  console.log(`warm best of ${n}: old ${best.old.toFixed(1)} ms, new ${best.new.toFixed(1)} ms, x${(best.new / best.old).toFixed(3)}, load ${load}`);
}
