/**
 * `npx tsx bench/r7-reader-ab.ts --trees old=/tmp/r7/old,new=/work/main [--records F] [--rounds 7]`: interleaved A/B
 * (best of N, process CPU and wall) of `readRecordBatches` of several source trees, each reading the records file
 * whole (`for await` over the batches, events counted). Checks that every tree gives the same events (JSON).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';

const arg = (name: string): string | undefined => {
  const k = process.argv.indexOf(`--${name}`);
  return k === -1 ? undefined : process.argv[k + 1];
};
const file = arg('records') ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(arg('rounds') ?? 7);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
type Read = (source: string) => AsyncIterable<unknown[]>;
const trees: [string, Read][] = [];
for (const spec of (arg('trees') ?? 'old=/tmp/r7/old,new=/work/main').split(',')) {
  const [name, root] = spec.split('=') as [string, string];
  const mod = (await import(`${root}/src/io/readRecords.ts`)) as { readRecordBatches: Read };
  trees.push([name, mod.readRecordBatches]);
}
let rows = 0;
for await (const b of trees[0]![1](file)) rows += b.length;
console.log(`node ${process.version}, ${file}: ${rows} events, load ${load()}`);
const best = new Map<string, { cpu: number; wall: number }>();
for (let round = 0; round < rounds; round++) {
  for (const [name, read] of round % 2 === 0 ? trees : [...trees].reverse()) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    let n = 0;
    for await (const b of read(file)) n += b.length;
    const u = process.cpuUsage(c);
    const wall = Number(process.hrtime.bigint() - t) / 1000;
    const b = best.get(name) ?? { cpu: Infinity, wall: Infinity };
    best.set(name, { cpu: Math.min(b.cpu, u.user + u.system), wall: Math.min(b.wall, wall) });
    if (n !== rows) throw new Error(`${name}: ${n} events`);
  }
}
const json = new Map<string, string>();
for (const [name, read] of trees) {
  const out: unknown[] = [];
  for await (const b of read(file)) out.push(...b);
  json.set(name, JSON.stringify(out));
}
const base = best.get(trees[0]![0])!;
for (const [name] of trees) {
  const b = best.get(name)!;
  console.log(`${name.padEnd(8)} cpu ${(b.cpu / rows).toFixed(3)} µs/event (×${(b.cpu / base.cpu).toFixed(3)}), wall ${(b.wall / rows).toFixed(3)} µs/event (×${(b.wall / base.wall).toFixed(3)}), events ${json.get(name) === json.get(trees[0]![0]) ? 'identical' : 'DIFFER'}`);
}
console.log(`load after ${load()}`);
