/**
 * `npx tsx bench/validate-ab.ts [rows] [oldA.ts oldB.ts …]`: A/B of `validateRecord` versions in one process,
 * interleaved (best of 5 rounds each), so machine load hits every version alike. Old versions are `git show`
 * copies with absolute imports (see bench/RESULTS.md for the commands). Also groups the records each version
 * returns (hidden-class effect on the grouper).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import type { RawRecord } from '../src/records/index.js';
import { validateRecord } from '../src/records/index.js';
import type { DischargeRecord } from '../src/records/types.js';
import { pingdingshanGrouper, syntheticCases } from './group-common.js';

type Validate = typeof validateRecord;
const rows = Number(process.argv[2] ?? 50_000);
const versions: [string, Validate][] = [];
for (const f of process.argv.slice(3)) versions.push([f.replace(/^.*\//u, ''), ((await import(f)) as { validateRecord: Validate }).validateRecord]);
versions.push(['current', validateRecord]);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// Raw records as readRecords gives them (only non-empty cells), from the seeded generator.
const raws: RawRecord[] = [];
const { grouper } = await pingdingshanGrouper('summary');
// syntheticCases validates internally; we only need its raw cells, so rebuild them from the generator directly.
import { fixturePaths, loadSyntheticTables } from '../src/io/loadPacketStats.js';
import { SYNTHETIC_COLUMNS, buildSyntheticModel, generateRecords } from '../src/synthetic/index.js';
void syntheticCases;
const model = buildSyntheticModel(await loadSyntheticTables(fixturePaths('fixtures')), { rows, seed: 'dip-engine-2025' });
for (const cells of generateRecords(model)) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < SYNTHETIC_COLUMNS.length; i++) {
    const c = SYNTHETIC_COLUMNS[i]!;
    const v = cells[i] ?? '';
    if (v !== '' && c !== 'source_packet' && c !== 'source_unambiguous' && c !== 'source_outlier') raw[c] = v;
  }
  raws.push(raw as RawRecord);
}
console.log(`node ${process.version}, ${raws.length} raw rows, load ${load()}`);
const best = new Map<string, { v: number; g: number }>();
const outputs = new Map<string, DischargeRecord[]>();
for (let round = 0; round < 5; round++) {
  for (const [name, f] of versions) {
    let t = process.hrtime.bigint();
    const recs: DischargeRecord[] = [];
    for (const r of raws) {
      const x = f(r);
      if (x.record !== undefined) recs.push(x.record);
    }
    const vms = Number(process.hrtime.bigint() - t) / 1e6;
    t = process.hrtime.bigint();
    let k = 0;
    for (const r of recs) if (grouper.group(r).status === 'grouped') k++;
    const gms = Number(process.hrtime.bigint() - t) / 1e6;
    outputs.set(name, recs);
    const b = best.get(name);
    best.set(name, { v: Math.min(b?.v ?? Infinity, vms), g: Math.min(b?.g ?? Infinity, gms) });
    if (k < 0) console.log(k);
  }
}
/** Records as sorted-key JSON (key order and absent-vs-undefined fields do not count). */
const canon = (rs: readonly DischargeRecord[]): string =>
  JSON.stringify(rs.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))));
const ref = canon(outputs.get('current')!);
for (const [name, b] of best) {
  const n = outputs.get(name)!.length;
  console.log(`${name.padEnd(32)} validate ${((b.v * 1000) / raws.length).toFixed(2)} µs/row (${Math.round((raws.length / b.v) * 1000).toLocaleString('en-US')} rows/s); group its records ${Math.round((n / b.g) * 1000).toLocaleString('en-US')} cases/s; records equal to current (sorted-key JSON): ${canon(outputs.get(name)!) === ref}`);
}
console.log(`load after ${load()}`);
