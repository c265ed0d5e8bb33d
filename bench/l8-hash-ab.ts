/**
 * A/B of the catalog content hash: `catalogContentHash` (L8: direct canonical writer, two-word FNV loop) against the
 * frozen 7c64073 version (`tests/catalog/reference/contentHashL8.ts`) on the Pingdingshan catalog with statistics
 * (4,536 packets, 1.4 M characters of canonical JSON). Warm: interleaved best of N (default 7) CPU ms. Cold (what one
 * CLI run pays): `--cold new|old` hashes once in this fresh process (after loading the catalog); alternate the two in
 * a shell loop.
 *
 * Run: `npx tsx bench/l8-hash-ab.ts [--iterations 7] [--cold new|old]`
 */
import { loadavg } from 'node:os';
import { catalogContentHash } from '../src/catalog/indexCatalog.js';
import { loadCatalog } from '../src/io/loadCatalog.js';
import { catalogContentHashV0 } from '../tests/catalog/reference/contentHashL8.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const { catalog } = await loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', { statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv' });
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
  if (h !== catalog.contentHash) throw new Error(`hash ${h} != ${catalog.contentHash}`);
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
