/**
 * `node --expose-gc --import tsx bench/g6-heap.ts [--records FILE] [--limits c:b,c:b]`: heap bytes held by the grouper's caches (helper g6), as
 * `process.memoryUsage().heapUsed` after `global.gc()` (not load-sensitive), `dip settle`'s grouper (policy
 * `examples/small/policy.json`, the Pingdingshan catalog with its statistics, the class table), trace `summary` (as
 * `dip settle` / `dip group` / the workers create it) and `full`.
 *
 * Records are read from FILE (default the 200k file) and dropped after grouping, so the raw key strings the caches
 * keep are counted. Variants (bounds through `createGrouperWith`):
 *  - dx: every distinct raw principal dx of the file once, without procedures, base bound 0 (bases not kept) →
 *    bytes per DxEntry (key string included);
 *  - proc: one diagnosis, every distinct raw procedure string of the file as principal procedure, base bound 0 →
 *    bytes per ProcEntry + class entry;
 *  - all: the file's records, no bound → everything; (all − dx − proc) / bases → bytes per base (its holder, maps
 *    and key strings included);
 *  - bounded: the file's records with the default bounds (`CACHE_LIMITS`) → the caches when full;
 *  - then, trace `summary`, the old grouper (b604435, frozen copy `tests/grouping/reference/grouperG9Reference.ts`;
 *    the 88a9ee7 grouper cleared at 5,000 that this column measured before: check out 3be3aee) and each `--limits`
 *    after the file.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { CACHE_LIMITS, createGrouperWith } from '../src/grouping/grouper.js';
import type { CacheLimits } from '../src/grouping/grouper.js';
import type { Grouper, TraceLevel } from '../src/grouping/index.js';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { createGrouper as createGrouperOld } from '../tests/grouping/reference/grouperG9Reference.js';
import { benchCatalog, benchGrouperOptions, loadBenchPolicy } from './abSetup.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const file = arg('records') ?? '/tmp/dip-bench/records-200000.csv';
const limitList = (arg('limits') ?? '').split(',').filter((x) => x !== '').map((l) => {
  const [c, b] = l.split(':').map(Number);
  return { codes: c!, bases: b! };
});
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const policy = loadBenchPolicy('examples/small/policy.json');
const cat = await benchCatalog();
const make = (trace: TraceLevel, limits: CacheLimits): Grouper => createGrouperWith(cat.catalog, benchGrouperOptions(policy, cat.classes, trace), limits);

// distinct raw strings and keys of the file (kept as JSON text only, so no record string stays alive)
const dxs = new Set<string>();
const procs = new Set<string>();
const keys = new Set<string>();
let template: DischargeRecord | undefined;
for await (const e of readRecords(file)) {
  if (e.type !== 'record') continue;
  const r = e.record;
  template ??= r;
  dxs.add(r.principalDx);
  if (r.principalProcedure !== undefined && r.principalProcedure !== '') procs.add(r.principalProcedure);
  for (const x of r.otherProcedures) if (x !== '') procs.add(x);
  keys.add(JSON.stringify([r.principalDx, r.principalProcedure ?? null, r.otherProcedures]));
}
const dxText = JSON.stringify([...dxs]);
const procText = JSON.stringify([...procs]);
const nKeys = keys.size;
dxs.clear();
procs.clear();
keys.clear();
const base = { ...template!, otherProcedures: [] as string[] };
delete (base as { principalProcedure?: string }).principalProcedure;

let sink = 0;
async function measure(trace: TraceLevel, limits: CacheLimits | 'old', feed: (g: Grouper) => Promise<void> | void): Promise<number> {
  const g = limits === 'old' ? createGrouperOld(cat.catalog, benchGrouperOptions(policy, cat.classes, trace)) : make(trace, limits);
  const h0 = heap();
  await feed(g);
  const h1 = heap();
  sink += g.info.warnings.length;
  return h1 - h0;
}
const NO_BASES: CacheLimits = { codes: 1e9, bases: 0 };
const NONE: CacheLimits = { codes: 1e9, bases: 1e9 };
const fromFile = async (g: Grouper): Promise<void> => {
  for await (const e of readRecords(file)) if (e.type === 'record') sink += g.group(e.record).status.length;
};
const kb = (b: number): string => `${(b / 1024).toFixed(0)} KiB`;
console.log(`${file}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; limits ${JSON.stringify(CACHE_LIMITS)}`);
for (const trace of ['summary', 'full'] as const) {
  const dxList = JSON.parse(dxText) as string[];
  const nDx = dxList.length;
  const dx = await measure(trace, NO_BASES, (g) => {
    for (const d of dxList.splice(0)) sink += g.group({ ...base, principalDx: d }).status.length;
  });
  const procList = JSON.parse(procText) as string[];
  const nProc = procList.length;
  const pr = await measure(trace, NO_BASES, (g) => {
    for (const p of procList.splice(0)) sink += g.group({ ...base, principalDx: 'K31.700', principalProcedure: p }).status.length;
  });
  const all = await measure(trace, NONE, fromFile);
  const bounded = await measure(trace, CACHE_LIMITS, fromFile);
  console.log(
    `${trace}: dx ${nDx} → ${kb(dx)} = ${(dx / nDx).toFixed(0)} B/DxEntry; proc ${nProc} → ${kb(pr)} = ${(pr / nProc).toFixed(0)} B/(ProcEntry+class); ` +
      `all (unbounded) ${kb(all)}: (all − dx − proc) / ${nKeys} keys = ${((all - dx - pr) / nKeys).toFixed(0)} B/base; bounded (default limits) ${kb(bounded)}`,
  );
}
for (const l of ['old' as const, ...limitList]) console.log(`summary, ${JSON.stringify(l)}: caches after the file ${kb(await measure('summary', l, fromFile))}`);
if (sink < 0) console.log(sink);
