/**
 * `npx tsx bench/g9-group-ab.ts [--rounds N] [--fresh FILE] [--warm FILE] [--passes P] [--trace summary|full]
 * [--limits c:b,c:b] [--floor]`:
 * interleaved A/B in one process of `grouper.group` as `dip settle` creates it (policy `examples/small/policy.json`, the
 * Pingdingshan catalog with its statistics, the class table behind `classOf`, trace `summary` unless `--trace full`):
 * `old` = the grouper at b604435 (frozen copy `tests/grouping/reference/grouperG9Reference.ts`) against `new` (`src/`)
 * and, with `--limits`, `new` at other cache bounds (`codes:bases`); with `--floor`, a "grouper" that only reads the
 * record's key fields and allocates a result of the real shape (the part of the fresh time no grouper can save).
 *
 * (a) fresh (the real run's pattern): each round and variant reads FILE (default the 200k file) afresh (untimed, chunks
 * of 2,048 records as the run gets them) with a new grouper, timing only `group` — every record once, its strings new;
 * (b) warm (`--warm FILE`, off by default): the records read once and kept, a new grouper per round and variant, then
 * P passes (default 3) over the same records timed (best pass), as the in-memory bench's stage 5 does.
 * Best of `rounds` (default 7) per variant, CPU time of the process (user + system), µs per case; the results of `new`
 * are checked deep-equal to `old`'s in the first round (untimed).
 *
 * Bundled as the built CLI runs (tsx's per-file transform runs slower): `npx esbuild bench/g9-group-ab.ts --bundle
 * --platform=node --format=esm --outfile=/tmp/ab/ab.js` (with a `{"type":"module"}` package.json in /tmp/ab), then
 * `node --expose-gc /tmp/ab/ab.js --rounds 7` (with `--expose-gc` the heap is collected before each variant's run:
 * without it a variant pays for the garbage of the one before, and the ratios move by ±20 % with the order).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { isDeepStrictEqual } from 'node:util';
import { createGrouper, createGrouperWith } from '../src/grouping/grouper.js';
import type { CacheLimits } from '../src/grouping/grouper.js';
import type { GroupedResult, GroupResult, Grouper, GrouperOptions, TraceLevel } from '../src/grouping/index.js';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { createGrouper as createGrouperOld } from '../tests/grouping/reference/grouperG9Reference.js';
import { benchCatalog, benchGrouperOptions, loadBenchPolicy } from './abSetup.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const freshPath = arg('fresh') ?? '/tmp/dip-bench/records-200000.csv';
const warmPath = arg('warm');
const rounds = Number(arg('rounds') ?? '7');
const passes = Number(arg('passes') ?? '3');
const traceLevel = (arg('trace') ?? 'summary') as TraceLevel;
const gc = (globalThis as { gc?: () => void }).gc;
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const policy = loadBenchPolicy('examples/small/policy.json');
const cat = await benchCatalog();
const gopts: GrouperOptions = benchGrouperOptions(policy, cat.classes, traceLevel);

const variants: [string, () => Grouper][] = [
  ['old', () => createGrouperOld(cat.catalog, gopts)],
  ['new', () => createGrouper(cat.catalog, gopts)],
];
// --floor: a "grouper" that only reads the record's key fields and allocates a result of the real shape (the same
// for every case): the part of the fresh time no grouper can save (first touch of fresh records, the result, GC).
const floorGrouper = (): Grouper => {
  const g = createGrouper(cat.catalog, gopts);
  let one: GroupResult | undefined;
  return {
    info: g.info,
    group: (r) => {
      one ??= g.group(r);
      const x = one as GroupedResult;
      return { ...x, caseId: r.caseId, hospitalId: r.hospitalId, auxCoef: r.principalDx.length + (r.principalProcedure?.length ?? 0) + r.otherProcedures.length > 0 ? x.auxCoef : x.auxCoef };
    },
  };
};
if (argv.includes('--floor')) variants.push(['floor', floorGrouper]);
for (const l of (arg('limits') ?? '').split(',').filter((x) => x !== '')) {
  const [c, b] = l.split(':').map(Number);
  const limits: CacheLimits = { codes: c!, bases: b! };
  variants.push([`new ${l}`, () => createGrouperWith(cat.catalog, gopts, limits)]);
}

let sink = 0;
async function fresh(g: Grouper, keep: unknown[] | undefined): Promise<{ cpu: number; n: number }> {
  let chunk: DischargeRecord[] = [];
  let cpu = 0;
  let n = 0;
  const run = (): void => {
    const c0 = cpuNow();
    for (let i = 0; i < chunk.length; i++) {
      const r = g.group(chunk[i]!);
      if (keep === undefined) sink += r.status === 'grouped' ? 1 : 0;
      else keep.push(r);
    }
    cpu += cpuNow() - c0;
    n += chunk.length;
    chunk = [];
  };
  for await (const e of readRecords(freshPath)) {
    if (e.type !== 'record') continue;
    chunk.push(e.record);
    if (chunk.length === 2048) run();
  }
  run();
  return { cpu, n };
}
const warmRecords: DischargeRecord[] = [];
if (warmPath !== undefined) for await (const e of readRecords(warmPath)) if (e.type === 'record') warmRecords.push(e.record);

const bestFresh = new Map<string, number>();
const bestWarm = new Map<string, number>();
let nFresh = 0;
const firstFresh: unknown[][] = [];
console.log(`node ${process.version}; fresh ${freshPath}${warmPath === undefined ? '' : `, warm ${warmPath} (${warmRecords.length} records × ${passes} passes)`}; trace ${traceLevel}; ${rounds} rounds; load ${loadavg()}`);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const [name, make] of order) {
    const keep = round === 0 ? [] : undefined;
    gc?.(); // each variant starts from a collected heap (run with node --expose-gc), not the previous one's garbage
    const f = await fresh(make(), keep);
    nFresh = f.n;
    if (round > 0) bestFresh.set(name, Math.min(bestFresh.get(name) ?? Infinity, f.cpu));
    if (keep !== undefined) firstFresh[variants.findIndex((v) => v[0] === name)] = keep;
    if (warmRecords.length > 0) {
      const g = make();
      for (let p = 0; p < passes; p++) {
        const c0 = cpuNow();
        for (let i = 0; i < warmRecords.length; i++) sink += g.group(warmRecords[i]!).status === 'grouped' ? 1 : 0;
        bestWarm.set(name, Math.min(bestWarm.get(name) ?? Infinity, cpuNow() - c0));
      }
    }
  }
  if (round === 0) {
    for (let v = 1; v < variants.length; v++) {
      if (variants[v]![0] === 'floor') continue;
      for (let i = 0; i < nFresh; i++) if (!isDeepStrictEqual(firstFresh[0]![i], firstFresh[v]![i])) throw new Error(`fresh: ${variants[v]![0]} differs at ${i}`);
    }
    console.log(`round 0 (untimed, results kept): every variant deep-equal to old on ${nFresh} fresh records`);
    firstFresh.length = 0;
  }
}
const us = (ms: number, n: number): string => ((ms * 1000) / n).toFixed(3);
for (const [name] of variants) {
  const f = bestFresh.get(name)!;
  const w = bestWarm.get(name);
  const warm = w === undefined ? '' : `   warm ${us(w, warmRecords.length)} µs/case (×${(w / bestWarm.get('old')!).toFixed(2)})`;
  console.log(`${name.padEnd(16)} fresh ${us(f, nFresh)} µs/case (×${(f / bestFresh.get('old')!).toFixed(2)})${warm}`);
}
console.log(`load after ${loadavg()}`);
if (sink < 0) console.log(sink);
