/**
 * In-process A/B of a settle worker's plain-row builder (src/io/parallel/plainRows.ts) against the one of another source
 * tree (OLD_TREE, e.g. `git worktree add -f /tmp/p10new fd46800`): the real scored cases of the first 50,000 rows of
 * a records file (scored once, by processChunk without the builder), fed to `plain()` in ranges of --range rows with
 * `take()` after each, old and new interleaved (interleavedBest), best of --iterations; CPU µs per case. The payloads
 * are compared first.
 *
 * usage: npx tsx bench/p10-plain-ab.ts OLD_TREE [--iterations 9] [--range 190] [RECORDS] [HOSPITALS]
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { PLAIN_STRIDE, PlainRowsBuilder } from '../src/io/parallel/plainRows.js';
import type { PlainPayload } from '../src/io/parallel/plainRows.js';
import { processChunk } from '../src/io/parallel/processChunk.js';
import { decodeRows } from '../src/io/parallel/rowCodec.js';
import { parseRecordHeader } from '../src/io/recordRows.js';
import { createCaseScorer } from '../src/run/caseScorer.js';
import type { ScoredCase } from '../src/run/caseScorer.js';
import { benchGrouper, benchHospitals, benchOptions, cpuMs, interleavedBest, loadBenchPolicy, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 9 });
const args = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
const oldTree = args[0];
if (oldTree === undefined) throw new Error('usage: npx tsx bench/p10-plain-ab.ts OLD_TREE [--iterations 9] [--range 190] [RECORDS] [HOSPITALS]');
const { PlainRowsBuilder: PlainRowsBuilderRef } = (await import(`${oldTree}/src/io/parallel/plainRows.ts`)) as { PlainRowsBuilder: typeof PlainRowsBuilder };
const rangeAt = process.argv.indexOf('--range');
const range = rangeAt > 0 ? Number(process.argv[rangeAt + 1]) : 190;
const records = args[1] ?? '/tmp/dip-bench/records-200000.csv';
const hospitalsPath = args[2] ?? records.replace(/\.csv$/, '-hospitals.csv');
const policy = loadBenchPolicy(undefined);
const { grouper } = await benchGrouper(policy);
const scorer = createCaseScorer({ policy, grouper, year: 2025, hospitals: await benchHospitals(hospitalsPath) });
const text = `${readFileSync(records, 'utf8').split('\n').slice(0, 50_001).join('\n')}\n`;
const header = parseRecordHeader(text.slice(0, text.indexOf('\n')).split(','), 1).header;
const bytes = new TextEncoder().encode(text);
const r = processChunk({ index: 0, buffer: bytes.buffer as ArrayBuffer, length: bytes.length, startLine: 1, startLf: 1, skipHeader: true }, scorer, { encoding: 'utf8', header }, undefined);
if (r.type !== 'chunk') throw new Error(r.detail);
const cases: ScoredCase[] = decodeRows(r.rows).flatMap((w) => (w.scored === undefined ? [] : [w.scored]));

interface Side {
  readonly name: string;
  readonly make: () => { plain(s: ScoredCase): void; take(): PlainPayload };
}
const sides: Side[] = [
  { name: 'old', make: () => new PlainRowsBuilderRef() },
  { name: 'new', make: () => new PlainRowsBuilder() },
];
const view = (p: PlainPayload): unknown => [[...p.num.subarray(0, p.count * PLAIN_STRIDE)], p.strs, p.caseIds, Buffer.from(p.spill), [...p.ends.subarray(0, p.count)]];
const all = (s: Side): PlainPayload[] => {
  const b = s.make();
  const out: PlainPayload[] = [];
  for (let i = 0; i < cases.length; i++) {
    b.plain(cases[i]!);
    if (i % range === range - 1) out.push(b.take());
  }
  out.push(b.take());
  return out;
};
const a = all(sides[0]!).map(view);
const b = all(sides[1]!).map(view);
if (!isDeepStrictEqual(a, b)) throw new Error('payloads differ');
const best = await interleavedBest(sides, opt.iterations, (s) => {
  const t = cpuMs();
  all(s);
  return cpuMs() - t;
});
const us = (ms: number): string => ((1000 * ms) / cases.length).toFixed(3);
console.log(runLine(`p10-plain-ab: ${cases.length} cases, ranges of ${range}, best of ${opt.iterations}`));
console.log(`old ${us(best.get('old')!)} us/case, new ${us(best.get('new')!)} us/case, x${(best.get('new')! / best.get('old')!).toFixed(2)}`);
