/**
 * In-process A/B of `dip settle`'s pass 2 (`addCaseMoney`: spill → cases.csv): a frozen pass against this tree's
 * byte pass. `--old a242c96` (default): the text pass (`tests/cli/reference/addCaseMoneyH4.ts`: StringDecoder, line
 * strings, `CsvWriter.writeLine`); `--old 41cee81`: the first byte pass (`tests/cli/reference/addCaseMoneyW6.ts`). The spill is the first 15 columns of a `dip settle` cases.csv, the run its summary.json's pools (point
 * values and fund-pay ratios; every hospital gets its pool's ratio). Interleaved, best of N, wall and process CPU
 * per case; every iteration checks that the two cases.csv are byte-identical.
 *
 * ```sh
 * npx tsx bench/h4-pass2-ab.ts --cases /tmp/base/out200k/cases.csv --iterations 7 [--old a242c96|41cee81]
 * ```
 *
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { addCaseMoney } from '../src/cli/commands/settle.js';
import { resolvePolicy, validatePolicy } from '../src/policy/index.js';
import type { SettlementRun } from '../src/run/types.js';
import { addCaseMoneyH4 } from '../tests/cli/reference/addCaseMoneyH4.js';
import { addCaseMoneyW6 } from '../tests/cli/reference/addCaseMoneyW6.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const casesPath = arg('cases') ?? '/tmp/base/out200k/cases.csv';
const iterations = Number(arg('iterations') ?? '7');
const oldRev = arg('old') ?? 'a242c96';
if (oldRev !== 'a242c96' && oldRev !== '41cee81') throw new Error(`--old ${oldRev}: give a242c96 or 41cee81`);
const oldPass = oldRev === 'a242c96' ? { name: 'old (a242c96, text)', f: addCaseMoneyH4 } : { name: 'old (41cee81 bytes)', f: addCaseMoneyW6 };
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

const validated = validatePolicy(JSON.parse(readFileSync(arg('policy') ?? 'examples/small/policy.json', 'utf8')) as unknown);
if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
const resolved = resolvePolicy(validated.value, '2025-12-31');
if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
const policy = resolved.value;
const lines = readFileSync(casesPath, 'utf8').split('\n').slice(1).filter((l) => l !== '');
if (lines.some((l) => l.includes('"'))) throw new Error('the bench expects a cases.csv without quoted cells');
const n = lines.length;
const summaryPools = (JSON.parse(readFileSync(casesPath.replace(/cases\.csv$/, 'summary.json'), 'utf8')) as { pools: { pool: string; pointValue: string; fundPayRatio: string }[] }).pools;
const hospitalIds = [...new Set(lines.map((l) => l.split(',')[2]!))];
const run = {
  summary: { pools: summaryPools.map((p) => ({ pool: p.pool, pointValue: p.pointValue })) },
  hospitals: hospitalIds.map((hospitalId) => ({ hospitalId, pools: summaryPools.map((p) => ({ pool: p.pool, fundPayRatio: p.fundPayRatio })) })),
} as unknown as SettlementRun;
const header = 'line,case_id,hospital_id,pool,month,status,packet_code,packet_kind,outlier,coefficient,aux_coef,ratio,case_points,total_cost,reason';
const spill = `${header}\n${lines.map((l) => `${l.split(',').slice(0, 15).join(',')}\n`).join('')}`;
const dir = mkdtempSync(join(tmpdir(), 'h4-pass2-ab-'));

interface Timing {
  wall: number;
  cpu: number;
}
const variants = [
  { name: oldPass.name, f: oldPass.f, out: join(dir, 'old.csv'), spill: join(dir, 'spill-old.csv'), best: { wall: Infinity, cpu: Infinity } as Timing },
  { name: 'new (bytes)', f: addCaseMoney, out: join(dir, 'new.csv'), spill: join(dir, 'spill-new.csv'), best: { wall: Infinity, cpu: Infinity } as Timing },
];
console.log(`${n} case rows from ${casesPath}; ${iterations} iterations; load ${load()}`);
for (let it = 0; it < iterations; it++) {
  for (const v of it % 2 === 0 ? variants : [...variants].reverse()) {
    writeFileSync(v.spill, spill);
    const c0 = process.cpuUsage();
    const t = performance.now();
    await v.f(v.spill, v.out, run, policy);
    const c = process.cpuUsage(c0);
    v.best.wall = Math.min(v.best.wall, ((performance.now() - t) * 1000) / n);
    v.best.cpu = Math.min(v.best.cpu, (c.user + c.system) / n);
  }
  if (!readFileSync(variants[0]!.out).equals(readFileSync(variants[1]!.out))) throw new Error('pass 2 outputs differ');
}
for (const v of variants) console.log(`${v.name.padEnd(20)} best of ${iterations}: wall ${v.best.wall.toFixed(3)} µs/case, CPU ${v.best.cpu.toFixed(3)} µs/case`);
const [a, b] = variants as [(typeof variants)[0], (typeof variants)[0]];
console.log(`new/old wall ×${(b.best.wall / a.best.wall).toFixed(3)}, CPU ×${(b.best.cpu / a.best.cpu).toFixed(3)}; outputs byte-identical; load after ${load()}`);
rmSync(dir, { recursive: true, force: true });
