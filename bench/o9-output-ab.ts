/**
 * In-process A/B of `dip settle`'s output (o9): pass 1's case spill (`CaseSpillWriter.write` per case, then `flush`)
 * and pass 2 (`addCaseMoney`: spill → cases.csv), the frozen copies of e449fda (`tests/cli/reference/outputO9.ts`)
 * against this tree's. The cases are those of a real run (reader, grouper, scorer and run state of this tree over
 * `--records`, kept in memory), the run its `SettlementRun`. Interleaved (the order reversed every other round), best
 * of N, process CPU per case of each pass; every round checks that the two cases.csv are byte-identical. Each
 * variant's pass 2 reads the spill its own pass 1 wrote.
 *
 * ```sh
 * npx tsx bench/o9-output-ab.ts --records /tmp/dip-bench/records-200000.csv --iterations 7
 * ```
 *
 * @module
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import { CaseSpillWriter, addCaseMoney } from '../src/cli/commands/settle.js';
import { createCaseScorer } from '../src/run/caseScorer.js';
import { createRunState } from '../src/run/runState.js';
import type { CaseResult, SettlementRun } from '../src/run/types.js';
import { CaseSpillWriterO9, addCaseMoneyO9 } from '../tests/cli/reference/outputO9.js';
import { acceptedItems, benchGrouper, benchHospitals, benchOptions, loadBenchPolicy, readItems, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const policy = loadBenchPolicy(opt.policyPath);
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const accepted = acceptedItems(await readItems(opt.recordsPath));
const input = { policy, grouper, year: 2025, hospitals };
const cases: CaseResult[] = [];
const scorer = createCaseScorer(input);
const state = createRunState(input, { onIssue: () => undefined, onCase: (c) => void cases.push(c) });
await state.start();
for (const it of accepted) {
  const p = state.acceptedNow(scorer.score(it.record, it.line, it.warnings));
  if (p !== undefined) await p;
}
const run: SettlementRun = await state.finish();
const n = cases.length;
console.log(runLine(`${n} cases from ${opt.recordsPath}; ${opt.iterations} rounds`));

const dir = mkdtempSync(join(tmpdir(), 'o9-output-ab-'));
interface Variant {
  readonly name: string;
  readonly spill: (fd: number) => { write(c: CaseResult): void; flush(): void };
  readonly pass2: typeof addCaseMoney;
  best1: number;
  best2: number;
}
const variants: Variant[] = [
  { name: 'old (e449fda)', spill: (fd) => new CaseSpillWriterO9(fd), pass2: addCaseMoneyO9, best1: Infinity, best2: Infinity },
  { name: 'new', spill: (fd) => new CaseSpillWriter(fd), pass2: addCaseMoney, best1: Infinity, best2: Infinity },
];
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
for (let k = 0; k < opt.iterations; k++) {
  const outs: Buffer[] = [];
  for (const v of k % 2 === 0 ? variants : [...variants].reverse()) {
    const spillPath = join(dir, `${v.name.slice(0, 3)}.spill`);
    const outPath = join(dir, `${v.name.slice(0, 3)}.csv`);
    const fd = openSync(spillPath, 'w');
    let t = cpuUsage();
    const w = v.spill(fd);
    for (let i = 0; i < n; i++) w.write(cases[i]!);
    w.flush();
    v.best1 = Math.min(v.best1, cpuMs(cpuUsage(t)));
    closeSync(fd);
    t = cpuUsage();
    await v.pass2(spillPath, outPath, run, policy);
    v.best2 = Math.min(v.best2, cpuMs(cpuUsage(t)));
    outs.push(readFileSync(outPath));
  }
  if (!outs[0]!.equals(outs[1]!)) throw new Error(`round ${k}: the two cases.csv differ`);
}
rmSync(dir, { recursive: true, force: true });
const us = (ms: number): string => ((ms * 1000) / n).toFixed(3);
for (const v of variants) console.log(`${v.name.padEnd(14)} pass 1 ${us(v.best1)} µs/case, pass 2 ${us(v.best2)} µs/case, both ${us(v.best1 + v.best2)} µs/case (best of ${opt.iterations}, CPU)`);
const [o, m] = variants as [Variant, Variant];
console.log(`new/old: pass 1 ×${(m.best1 / o.best1).toFixed(3)}, pass 2 ×${(m.best2 / o.best2).toFixed(3)}, both ×${((m.best1 + m.best2) / (o.best1 + o.best2)).toFixed(3)}; outputs byte-identical; ${runLine('after')}`);
