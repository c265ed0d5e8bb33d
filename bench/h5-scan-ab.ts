/**
 * `npx tsx bench/h5-scan-ab.ts [file] [rounds]`: A/B in one process, interleaved (best of `rounds`, default 7), of the
 * `--dedup disk` pre-pass `scanDuplicateCases` before the line path (commit 119ced2, every row split: the frozen copy
 * `tests/io/reference/scanDuplicateCasesH5.ts`) and now (one-line records read in place). CPU time of this process
 * (`process.cpuUsage`: waiting for a core on a loaded machine is not counted) and wall time, µs per row; checks that
 * both find the same stats and duplicates. Default file: `/tmp/dip-bench/records-200000.csv`.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { scanDuplicateCases } from '../src/io/scanDuplicateCases.js';
import { scanDuplicateCases as scanDuplicateCasesH5 } from '../tests/io/reference/scanDuplicateCasesH5.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(process.argv[3] ?? 7);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
type Scan = (path: string) => Promise<unknown>;
const scans: [string, Scan][] = [
  ['119ced2', scanDuplicateCasesH5 as Scan],
  ['new', scanDuplicateCases as Scan],
];
const found = (k: unknown): string => {
  const x = k as { stats: unknown; firstLines: Map<number, number>; hashes: Map<number, number> };
  return JSON.stringify([x.stats, [...x.firstLines], [...x.hashes]]);
};
const a = found(await scanDuplicateCasesH5(file));
if (found(await scanDuplicateCases(file)) !== a) throw new Error('the two pre-passes differ');
const rows = (JSON.parse(a) as [{ rows: number }])[0].rows;
console.log(`node ${process.version}, ${file}: ${rows} rows, load ${load()}`);
const bestCpu = new Map<string, number>();
const bestWall = new Map<string, number>();
for (let round = 0; round < rounds; round++) {
  for (const [name, scan] of round % 2 === 0 ? scans : [...scans].reverse()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await scan(file);
    const wall = ((performance.now() - t0) * 1000) / rows;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / rows;
    bestCpu.set(name, Math.min(bestCpu.get(name) ?? Infinity, cpu));
    bestWall.set(name, Math.min(bestWall.get(name) ?? Infinity, wall));
  }
}
for (const [name] of scans) console.log(`${name.padEnd(8)} cpu ${bestCpu.get(name)!.toFixed(3)} µs/row   wall ${bestWall.get(name)!.toFixed(3)} µs/row`);
console.log(`new / 119ced2: cpu ×${(bestCpu.get('new')! / bestCpu.get('119ced2')!).toFixed(2)}, wall ×${(bestWall.get('new')! / bestWall.get('119ced2')!).toFixed(2)}; load ${load()}`);
