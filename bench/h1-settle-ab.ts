/**
 * In-process A/B of the whole one-thread `dip settle` on a records file: the `run` command of two source trees (e.g.
 * `git worktree add /tmp/h1/old c646df2` and a tree with the change), imported side by side, run interleaved (best
 * of N, wall and CPU time of the process), each into its own output directory; the outputs are compared byte for byte
 * (summary.json without `wallTimeMs`). `--extra "…"` adds arguments to both runs, e.g. `--extra "--workers 2"` (the A/B
 * of `--workers 2` in session 4: trees from `git archive 50fffa8^` and `git archive 50fffa8`, each with a
 * `node_modules` link; CPU time includes the worker threads).
 *
 * ```sh
 * npx tsx bench/h1-settle-ab.ts --old /tmp/h1/old --new /tmp/h1/new --records /tmp/dip-bench/records-200000.csv --iterations 5
 * ```
 */
import { readFileSync, readdirSync } from 'node:fs';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import type { CliCommand } from '../src/cli/io.js';
import { benchOptions, loadLine, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 5 });
const roots = { old: opt.arg('old') ?? '/tmp/h1/old', new: opt.arg('new') ?? '/tmp/h1/new' };
const records = opt.recordsPath;
const hospitals = opt.hospitalsPath;
const iterations = opt.iterations;
const out = opt.arg('out') ?? '/tmp/h1/ab';
const extra = (opt.arg('extra') ?? '').split(' ').filter((x) => x !== '');

const variants: { name: keyof typeof roots; run: CliCommand }[] = [];
for (const name of ['old', 'new'] as const) {
  const mod = (await import(`${roots[name]}/src/cli/commands/settle.ts`)) as { run: CliCommand };
  variants.push({ name, run: mod.run });
}
const io = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false, cwd: process.cwd() };
const args = (dir: string): string[] => [
  '--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
  '--records', records, '--hospitals', hospitals, '--out', dir, ...extra,
];
const files = (dir: string): string[] => readdirSync(dir).sort().map((f) => (f === 'summary.json' ? readFileSync(`${dir}/${f}`, 'utf8').replace(/"wallTimeMs": \d+/, '') : readFileSync(`${dir}/${f}`, 'latin1')));
console.log(runLine(`records ${records}${extra.length > 0 ? `, extra ${extra.join(' ')}` : ''}`));
const best = new Map<string, { wall: number; cpu: number }>();
for (let k = 0; k < iterations; k++) {
  for (const v of k % 2 === 0 ? variants : [...variants].reverse()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await v.run(args(`${out}/${v.name}`), io);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    const b = best.get(v.name) ?? { wall: Infinity, cpu: Infinity };
    best.set(v.name, { wall: Math.min(b.wall, wall), cpu: Math.min(b.cpu, cpu) });
    console.log(`  ${v.name} run ${k + 1}: wall ${(wall / 1000).toFixed(2)} s, cpu ${(cpu / 1000).toFixed(2)} s`);
  }
}
const same = JSON.stringify(files(`${out}/old`)) === JSON.stringify(files(`${out}/new`));
for (const v of variants) console.log(`${v.name} best of ${iterations}: wall ${(best.get(v.name)!.wall / 1000).toFixed(2)} s, cpu ${(best.get(v.name)!.cpu / 1000).toFixed(2)} s`);
console.log(`new/old wall ${(best.get('new')!.wall / best.get('old')!.wall).toFixed(3)}, cpu ${(best.get('new')!.cpu / best.get('old')!.cpu).toFixed(3)}; outputs ${same ? 'identical' : 'DIFFER'}; load after ${loadLine()}`);
if (!same) process.exitCode = 1;
