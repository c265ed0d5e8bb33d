/**
 * In-process A/B of the case rows of `dip settle`'s pass 1 (the spill of `cases.csv`), `writeRow(caseRow(c))`: the
 * writer at c646df2 (`tests/io/reference/writeCsv.v1.ts`: string chunks, `join` + a scan of the line, the chunk string
 * encoded by the stream) against this tree's byte chunks (`byteChunks`, as `CsvWriter.toFile`: each plain ASCII row
 * copied into the chunk's bytes, check and copy in one pass). The cases are scored once, then written to a writer over
 * a discarding stream (its flushes included); `--lines` writes pass 2's `writeLine` instead (a row's text sliced out of
 * a 64 KiB piece of the spill text, plus `,pv,standard,fund`). Interleaved, best of N; a first checked run compares the bytes written (sha256).
 *
 * ```sh
 * npx tsx bench/h1-caserow-ab.ts --records /tmp/dip-bench/records-200000.csv --iterations 9
 * ```
 */
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { CASE_HEADER, CASE_NUMERIC, caseRow } from '../src/cli/commands/settle.js';
import { CsvWriter, encodeCsvRow } from '../src/io/writeCsv.js';
import { CsvWriter as CsvWriterV1 } from '../tests/io/reference/writeCsv.v1.js';
import { createCaseScorer } from '../src/run/caseScorer.js';
import type { CaseResult } from '../src/run/types.js';
import { benchGrouper, benchHospitals, benchOptions, discardStream as discard, interleavedBest, loadBenchPolicy, loadLine, readItems, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 9 });
const iterations = opt.iterations;
const lines = opt.flag('lines');
const policy = loadBenchPolicy(opt.policyPath);
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const scorer = createCaseScorer({ policy, grouper, year: 2025, hospitals });
const cases: CaseResult[] = [];
for (const it of await readItems(opt.recordsPath)) if (it.ok === true) cases.push(scorer.score(it.record, it.line, it.warnings).result);
console.log(runLine(`cases ${cases.length}${lines ? ' (pass 2 lines)' : ''}`));

/** `--lines`: the spill text of the cases in 64 KiB pieces; pass 2 slices each line out of its piece and appends money. */
const spill = lines ? cases.map((c) => `${encodeCsvRow(caseRow(c), { numericColumns: CASE_NUMERIC })}\n`).join('') : '';
const pieces: string[] = [];
for (let at = 0; at < spill.length; ) {
  const end = spill.indexOf('\n', Math.min(spill.length - 1, at + 65536));
  pieces.push(spill.slice(at, end + 1));
  at = end + 1;
}
interface Writer {
  writeRow(cells: readonly string[]): Promise<void> | undefined;
  writeLine(line: string): Promise<void> | undefined;
  close(): Promise<unknown>;
}
type Make = (s: Writable) => Writer;
const variants: { name: string; make: Make }[] = [
  { name: 'old (c646df2)', make: (s) => new CsvWriterV1(s, CASE_HEADER, { numericColumns: CASE_NUMERIC }) },
  { name: 'new bytes', make: (s) => new CsvWriter(s, CASE_HEADER, { numericColumns: CASE_NUMERIC, byteChunks: true }) },
];
const runOnce = async (make: Make, check: boolean): Promise<{ ms: number; digest: string }> => {
  const hash = check ? createHash('sha256') : undefined;
  const w = make(discard(hash));
  const t0 = performance.now();
  if (lines) {
    for (const piece of pieces) {
      for (let from = 0, nl = piece.indexOf('\n'); nl !== -1; from = nl + 1, nl = piece.indexOf('\n', from)) {
        const p = w.writeLine(`${piece.slice(from, nl)},5.718153,1234.56,1000.01`);
        if (p !== undefined) await p;
      }
    }
  } else {
    for (const c of cases) {
      const p = w.writeRow(caseRow(c));
      if (p !== undefined) await p;
    }
  }
  await w.close();
  return { ms: performance.now() - t0, digest: hash === undefined ? '' : hash.digest('hex') };
};
const digests = await Promise.all(variants.map(async (v) => (await runOnce(v.make, true)).digest));
if (digests.some((d) => d !== digests[0])) throw new Error(`outputs differ: ${digests.join(' ')}`);
const best = await interleavedBest(variants, iterations, async (v) => (await runOnce(v.make, false)).ms);
const us = (ms: number): string => `${((ms * 1000) / cases.length).toFixed(3)} µs/case`;
for (const v of variants) console.log(`${v.name.padEnd(14)} best of ${iterations}: ${us(best.get(v.name)!)}`);
const [a, b] = variants.map((v) => best.get(v.name)!) as [number, number];
console.log(`new/old ${(b / a).toFixed(3)}; bytes identical (sha256 ${digests[0]!.slice(0, 16)}…); load after ${loadLine()}`);
