/**
 * `npx tsx bench/g9-miss-ab.ts [FILE] [--rounds N] [--trace summary|full]` (or bundled with esbuild): the base cache's
 * miss path alone, interleaved A/B in one process. `old` = the grouper at b604435 (frozen copy
 * `tests/grouping/reference/grouperG9Reference.ts`), `new` = `src/`; both built as `dip settle` builds them but with a
 * base cache of 1 unit per generation, so every case computes its base (the per-code caches at their bounds). FILE's
 * records (default the 200k file) are read once and kept, split by procedure-field kind (0 none, 1 principal only,
 * 2 others); per round and kind each variant groups them with a new grouper, 2 passes (the first warms the per-code
 * caches), the second timed. Best of N (default 7) per variant and kind, CPU µs per case; results of the two are
 * checked deep-equal on the first round.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { isDeepStrictEqual } from 'node:util';
import { createGrouperWith } from '../src/grouping/grouper.js';
import type { GroupResult, Grouper, TraceLevel } from '../src/grouping/index.js';
import { readRecords } from '../src/io/readRecords.js';
import type { DischargeRecord } from '../src/records/types.js';
import { createGrouperWith as createOld } from '../tests/grouping/reference/grouperG9Reference.js';
import { benchCatalog, benchGrouperOptions, loadBenchPolicy } from './abSetup.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const file = argv[0] !== undefined && !argv[0].startsWith('--') ? argv[0] : '/tmp/dip-bench/records-200000.csv';
const rounds = Number(arg('rounds') ?? '7');
const traceLevel = (arg('trace') ?? 'summary') as TraceLevel;
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const gc = (globalThis as { gc?: () => void }).gc;
const cat = await benchCatalog();
const gopts = benchGrouperOptions(loadBenchPolicy('examples/small/policy.json'), cat.classes, traceLevel);
const limits = { codes: 5_000, bases: 1 };
const variants: [string, () => Grouper][] = [
  ['old', () => createOld(cat.catalog, gopts, limits)],
  ['new', () => createGrouperWith(cat.catalog, gopts, limits)],
];
const kindOf = (r: DischargeRecord): number => (r.otherProcedures.length > 0 ? 2 : r.principalProcedure === undefined || r.principalProcedure === '' ? 0 : 1);
const byKind: DischargeRecord[][] = [[], [], []];
for await (const e of readRecords(file)) if (e.type === 'record') byKind[kindOf(e.record)]!.push(e.record);
console.log(`node ${process.version}; ${file}: kinds ${byKind.map((k) => k.length).join(' / ')}; trace ${traceLevel}; ${rounds} rounds; load ${loadavg()}`);
const best = new Map<string, number>();
let sink = 0;
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  const kept: GroupResult[][][] = [[], [], []];
  for (let k = 0; k < 3; k++) {
    for (const [name, make] of order) {
      const recs = byKind[k]!;
      const g = make();
      for (const r of recs) sink += g.group(r).status.length;
      gc?.();
      const t0 = process.cpuUsage();
      if (round === 0) {
        const out: GroupResult[] = [];
        for (const r of recs) out.push(g.group(r));
        kept[k]!.push(out);
      } else for (const r of recs) sink += g.group(r).status.length;
      const u = process.cpuUsage(t0);
      const key = `${name} kind ${k}`;
      if (round > 0) best.set(key, Math.min(best.get(key) ?? Infinity, (u.user + u.system) / recs.length));
    }
    if (round === 0 && !isDeepStrictEqual(kept[k]![0], kept[k]![1])) throw new Error(`kind ${k}: results differ`);
  }
}
for (let k = 0; k < 3; k++) {
  const o = best.get(`old kind ${k}`)!;
  const n = best.get(`new kind ${k}`)!;
  console.log(`kind ${k}: old ${o.toFixed(3)} → new ${n.toFixed(3)} µs/case (×${(n / o).toFixed(2)})`);
}
console.log(`load after ${loadavg()}`);
if (sink < 0) console.log(sink);
