/** `npx tsx bench/g6-keys.ts [FILE]`: distinct raw keys the grouper caches see (dx, procedures, bases by kind). */
import process from 'node:process';
import { readRecords } from '../src/io/readRecords.js';

const file = process.argv[2] ?? '/tmp/dip-bench/records-200000.csv';
const dx = new Map<string, number>();
const proc = new Set<string>();
const noProc = new Set<string>();
const p0 = new Set<string>();
const procs = new Set<string>();
const all = new Map<string, number>();
let n = 0;
for await (const e of readRecords(file)) {
  if (e.type !== 'record') continue;
  const r = e.record;
  n++;
  dx.set(r.principalDx, (dx.get(r.principalDx) ?? 0) + 1);
  if (r.principalProcedure !== undefined) proc.add(r.principalProcedure);
  for (const x of r.otherProcedures) proc.add(x);
  const k = `${r.principalDx}|${r.principalProcedure ?? '-'}|${r.otherProcedures.join(',')}`;
  all.set(k, (all.get(k) ?? 0) + 1);
  if (r.otherProcedures.length > 0) procs.add(k);
  else if (r.principalProcedure === undefined || r.principalProcedure === '') noProc.add(k);
  else p0.add(k);
}
const counts = [...all.values()].sort((a, b) => b - a);
const cover = (m: number): string => `${m}: ${((100 * counts.slice(0, m).reduce((s, x) => s + x, 0)) / n).toFixed(1)}%`;
console.log(`${file}: ${n} records, ${dx.size} dx, ${proc.size} procedure strings, keys ${all.size} (noProc ${noProc.size}, p0 ${p0.size}, procs ${procs.size}); singletons ${counts.filter((c) => c === 1).length}`);
console.log(`top keys cover ${[1000, 2000, 5000, 10000, 20000, 40000].map(cover).join(', ')}`);
