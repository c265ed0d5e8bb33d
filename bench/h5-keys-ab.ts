/**
 * `npx tsx bench/h5-keys-ab.ts [file] [rounds] [--only old|new]`: A/B in one process, interleaved (best of `rounds`,
 * default 9), of `CaseKeySet.add` before (commit 7decd48: the frozen copy `tests/io/reference/CaseKeySetH5.ts`) and
 * now, over the (hospital_id, case_id) keys of a records file in file order (taken as the reader takes them: cells
 * sliced out of the line and trimmed), a new set per round. CPU time of this process, ns per add. Checks that both
 * give the same answers. Default file: `/tmp/dip-bench/records-200000.csv`.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { CaseKeySet } from '../src/io/CaseKeySet.js';
import { CaseKeySet as CaseKeySetH5 } from '../tests/io/reference/CaseKeySetH5.js';

const args = process.argv.slice(2).filter((a, i, all) => a !== '--only' && all[i - 1] !== '--only');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const file = args[0] ?? '/tmp/dip-bench/records-200000.csv';
const rounds = Number(args[1] ?? 9);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const lines = readFileSync(file, 'utf8').split('\n');
const head = lines[0]!.split(',');
const hc = head.indexOf('hospital_id');
const cc = head.indexOf('case_id');
const hs: string[] = [];
const cs: string[] = [];
for (let i = 1; i < lines.length; i++) {
  const cells = lines[i]!.split(',');
  if (cells.length <= Math.max(hc, cc)) continue;
  const h = cells[hc]!.trim();
  const c = cells[cc]!.trim();
  if (h === '' || c === '') continue;
  hs.push(h);
  cs.push(c);
}
type Set = { add(h: string, c: string, line: number): number | undefined };
const impls: [string, () => Set][] = (
  [
    ['old', () => new CaseKeySetH5()],
    ['new', () => new CaseKeySet()],
  ] as [string, () => Set][]
).filter(([n]) => only === undefined || n === only);
const run = (make: () => Set): { ns: number; answers: number } => {
  const set = make();
  let answers = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < hs.length; i++) answers += set.add(hs[i]!, cs[i]!, i + 2) ?? 0;
  const c = process.cpuUsage(c0);
  return { ns: ((c.user + c.system) * 1000) / hs.length, answers };
};
console.log(`node ${process.version}, ${file}: ${hs.length} keys, load ${load()}`);
const best = new Map<string, number>();
let check: number | undefined;
for (let r = 0; r < rounds; r++) {
  for (const [name, make] of r % 2 === 0 ? impls : [...impls].reverse()) {
    const { ns, answers } = run(make);
    if (check === undefined) check = answers;
    else if (check !== answers) throw new Error('answers differ');
    best.set(name, Math.min(best.get(name) ?? Infinity, ns));
  }
}
for (const [name] of impls) console.log(`${name}: ${best.get(name)!.toFixed(0)} ns/add`);
if (best.has('old') && best.has('new')) console.log(`new / old ×${(best.get('new')! / best.get('old')!).toFixed(2)}; load ${load()}`);
