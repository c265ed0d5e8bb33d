/**
 * `npx tsx bench/g6-group-ab.ts [--rounds N] [--fresh FILE] [--warm FILE] [--passes P] [--limits c:b,c:b]`: interleaved
 * A/B in one process of `grouper.group` as `dip settle` creates it (policy `examples/small/policy.json`, the
 * Pingdingshan catalog with its statistics, the class table behind `classOf`, trace `summary`): `old` = the grouper
 * at 88a9ee7 (caches cleared when full at 5,000; frozen copy `tests/grouping/grouperG6Reference.ts`) against `new`
 * (`src/`, two-generation caches, `CACHE_LIMITS`) and, with `--limits`, `new` at other bounds (`codes:bases`).
 *
 * (a) fresh: each round and variant reads FILE (default the 200k file) afresh (untimed, chunks of 2,048 records as the
 * run gets them) with a new grouper, timing only `group` — records' strings new, as in `dip settle`;
 * (b) warm: the records of the warm FILE (default the 50k file) read once and kept, a new grouper per round and
 * variant, then P passes (default 3) over the same records timed, as the in-memory bench's stage 5 does (best pass).
 * Best of `rounds` (default 7) per variant, CPU time of the process (user + system), µs per case; results of every
 * variant checked deep-equal to `old` in the first round.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { isDeepStrictEqual } from 'node:util';
import { CACHE_LIMITS, createGrouperWith } from '../src/grouping/grouper.js';
import type { CacheLimits } from '../src/grouping/grouper.js';
import type { Grouper, GrouperOptions } from '../src/grouping/index.js';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { createGrouper as createGrouperOld } from '../tests/grouping/grouperG6Reference.js';
import { benchCatalog, benchGrouperOptions, loadBenchPolicy } from './abSetup.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const freshPath = arg('fresh') ?? '/tmp/dip-bench/records-200000.csv';
const warmPath = arg('warm') ?? '/tmp/dip-bench/records-50000.csv';
const rounds = Number(arg('rounds') ?? '7');
const passes = Number(arg('passes') ?? '3');
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const policy = loadBenchPolicy('examples/small/policy.json');
const cat = await benchCatalog();
const gopts: GrouperOptions = benchGrouperOptions(policy, cat.classes);

const variants: [string, () => Grouper][] = [
  ['old', () => createGrouperOld(cat.catalog, gopts)],
  [`new ${CACHE_LIMITS.codes}:${CACHE_LIMITS.bases}`, () => createGrouperWith(cat.catalog, gopts, CACHE_LIMITS)],
];
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
for await (const e of readRecords(warmPath)) if (e.type === 'record') warmRecords.push(e.record);

const bestFresh = new Map<string, number>();
const bestWarm = new Map<string, number>();
let nFresh = 0;
const firstFresh: unknown[][] = [];
const firstWarm: unknown[][] = [];
console.log(`node ${process.version}; fresh ${freshPath}, warm ${warmPath} (${warmRecords.length} records × ${passes} passes); ${rounds} rounds; load ${loadavg()}`);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const [name, make] of order) {
    const keep = round === 0 ? [] : undefined;
    const f = await fresh(make(), keep);
    nFresh = f.n;
    bestFresh.set(name, Math.min(bestFresh.get(name) ?? Infinity, f.cpu));
    if (keep !== undefined) firstFresh[variants.findIndex((v) => v[0] === name)] = keep;
    const g = make();
    for (let p = 0; p < passes; p++) {
      const c0 = cpuNow();
      if (round === 0 && p === passes - 1) firstWarm[variants.findIndex((v) => v[0] === name)] = warmRecords.map((r) => g.group(r));
      else for (let i = 0; i < warmRecords.length; i++) sink += g.group(warmRecords[i]!).status === 'grouped' ? 1 : 0;
      const cpu = cpuNow() - c0;
      if (!(round === 0 && p === passes - 1)) bestWarm.set(name, Math.min(bestWarm.get(name) ?? Infinity, cpu));
    }
  }
  if (round === 0) {
    for (let v = 1; v < variants.length; v++) {
      for (let i = 0; i < nFresh; i++) if (!isDeepStrictEqual(firstFresh[0]![i], firstFresh[v]![i])) throw new Error(`fresh: ${variants[v]![0]} differs at ${i}`);
      for (let i = 0; i < warmRecords.length; i++) if (!isDeepStrictEqual(firstWarm[0]![i], firstWarm[v]![i])) throw new Error(`warm: ${variants[v]![0]} differs at ${i}`);
    }
    console.log(`round 0: every variant's results deep-equal to old (${nFresh} fresh, ${warmRecords.length} warm)`);
    firstFresh.length = 0;
    firstWarm.length = 0;
  }
}
const us = (ms: number, n: number): string => ((ms * 1000) / n).toFixed(3);
const [o] = variants[0]!;
for (const [name] of variants) {
  const f = bestFresh.get(name)!;
  const w = bestWarm.get(name)!;
  console.log(
    `${name.padEnd(14)} fresh ${us(f, nFresh)} µs/case (×${(f / bestFresh.get(o)!).toFixed(2)})   warm ${us(w, warmRecords.length)} µs/case (×${(w / bestWarm.get(o)!).toFixed(2)})`,
  );
}
console.log(`load after ${loadavg()}`);
if (sink < 0) console.log(sink);
