/**
 * A/B of the built one-thread `dip settle` of two (or more) trees, each run as its own process (so neither shares a
 * heap, JIT state or event loop with the other, unlike `bench/h1-settle-ab.ts`), alternating and in reverse order
 * every other round; CPU time (user + sys) of each run from `/usr/bin/time`, best of N, and the four outputs compared
 * byte for byte (summary.json without `wallTimeMs`). Each tree needs its `dist/cli.js` (`npx tsup` in it), e.g.
 *
 * ```sh
 * mkdir -p /tmp/o8/old && git archive HEAD | tar -x -C /tmp/o8/old && ln -s "$PWD/node_modules" /tmp/o8/old/ && (cd /tmp/o8/old && npx tsup)
 * npx tsx bench/o8-cli-ab.ts --tree old=/tmp/o8/old --tree new=/tmp/o8/new --records /tmp/dip-bench/records-200000.csv --iterations 7 [--extra "--workers 2"]
 * ```
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { benchOptions, loadLine, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 7 });
const trees = opt.all('tree').map((t) => {
  const [name, dir] = t.split('=') as [string, string];
  return { name, dir };
});
if (trees.length < 2) throw new Error('give at least two --tree NAME=DIR');
const out = opt.arg('out') ?? '/tmp/o8/cli-ab';
const extra = (opt.arg('extra') ?? '').split(' ').filter((x) => x !== '');
const args = (dir: string): string[] => [
  'settle', '--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv',
  '--records', opt.recordsPath, '--hospitals', opt.hospitalsPath, '--out', dir, ...extra,
];
const files = (dir: string): string[] => readdirSync(dir).sort().map((f) => (f === 'summary.json' ? readFileSync(`${dir}/${f}`, 'utf8').replace(/"wallTimeMs": \d+/, '') : readFileSync(`${dir}/${f}`, 'latin1')));
console.log(runLine(`records ${opt.recordsPath}${extra.length > 0 ? `, extra ${extra.join(' ')}` : ''}`));
const best = new Map<string, number>();
for (let k = 0; k < opt.iterations; k++) {
  for (const t of k % 2 === 0 ? trees : [...trees].reverse()) {
    const dir = `${out}/${t.name}`;
    rmSync(dir, { recursive: true, force: true });
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'node', `${t.dir}/dist/cli.js`, ...args(dir)], { encoding: 'utf8' });
    const last = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number];
    const cpu = last[0] + last[1];
    best.set(t.name, Math.min(best.get(t.name) ?? Infinity, cpu));
    console.log(`  ${t.name} run ${k + 1}: cpu ${cpu.toFixed(2)} s (exit ${r.status})`);
  }
}
const first = JSON.stringify(files(`${out}/${trees[0]!.name}`));
const same = trees.every((t) => JSON.stringify(files(`${out}/${t.name}`)) === first);
const base = best.get(trees[0]!.name)!;
for (const t of trees) console.log(`${t.name} best of ${opt.iterations}: cpu ${best.get(t.name)!.toFixed(2)} s (x${(best.get(t.name)! / base).toFixed(3)})`);
console.log(`outputs ${same ? 'identical' : 'DIFFER'}; load after ${loadLine()}`);
if (!same) process.exitCode = 1;
