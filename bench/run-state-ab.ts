/**
 * In-process A/B of the run loop's per-case work: `createCaseScorer().score` and `createRunState().accepted` (+ the
 * post-pass `finish`) of this tree against the frozen reference copies of 25c6084 in `tests/run/reference/`
 * (`caseScorerV0.ts`, `runStateV0.ts`), which import the same `src/` modules — so only the two files differ.
 * Old and new are interleaved, best of N; the grouper is memoized (its results precomputed) so that only the scorer's
 * own work is timed. A first checked run of each checks that the ScoredCases are deep-equal (as JSON) and that the run
 * (summary, statements, every case row, every issue) is identical; the timed runs score and apply chunks of 1,000.
 *
 * ```sh
 * npx tsx bench/run-state-ab.ts --records /tmp/dip-bench/records-200000.csv \
 *   --hospitals /tmp/dip-bench/records-200000-hospitals.csv --iterations 5 [--policy examples/small/policy.json] [--warm]
 * ```
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createCaseScorer } from '../src/run/caseScorer.js';
import type { ScoredCase } from '../src/run/caseScorer.js';
import { createRunState } from '../src/run/runState.js';
import type { RecordItem } from '../src/run/types.js';
import { createCaseScorer as createCaseScorerV0 } from '../tests/run/reference/caseScorerV0.js';
import { createRunState as createRunStateV0 } from '../tests/run/reference/runStateV0.js';
import { acceptedItems, benchGrouper, benchHospitals, benchOptions, loadBenchPolicy, loadLine, memoGrouper, readItems, runLine } from './abSetup.js';

const opt = benchOptions({ iterations: 5 });
const iterations = opt.iterations;
/** `--warm`: each timed scorer first scores every record once, untimed (contexts built): the steady per-case cost. */
const warm = opt.flag('warm');
const policy = loadBenchPolicy(opt.policyPath);
const { grouper } = await benchGrouper(policy);
const hospitals = await benchHospitals(opt.hospitalsPath);
const items = await readItems(opt.recordsPath);
const accepted = acceptedItems(items);
const input = { policy, grouper: memoGrouper(grouper, accepted), year: 2025, hospitals };
console.log(runLine(`records ${items.length} (accepted ${accepted.length}), hospitals ${hospitals.length}, policy ${opt.policyPath}${warm ? ', warm scorers' : ''}`));

type Variant = { name: string; scorer: typeof createCaseScorer; state: typeof createRunState };
const variants: Variant[] = [
  { name: 'old (25c6084)', scorer: createCaseScorerV0, state: createRunStateV0 as unknown as typeof createRunState },
  { name: 'new', scorer: createCaseScorer, state: createRunState },
];

const digest = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');

/** One checked run: every ScoredCase, the run, every case row and every issue hashed. */
const checked = async (v: Variant): Promise<string> => {
  const scorer = v.scorer(input);
  const rows = createHash('sha256');
  const issues = createHash('sha256');
  const sc = createHash('sha256');
  const state = v.state(input, { onCase: (c) => void rows.update(JSON.stringify(c)), onIssue: (i) => void issues.update(JSON.stringify(i)) });
  await state.start();
  for (const x of items) {
    if (x.ok === 'fileIssues') await state.fileIssues(x.issues);
    else if (x.ok === false) await state.rejected(x.line, x.issues);
    else {
      const s = scorer.score(x.record, x.line, x.warnings);
      // JSON turns NaN into null: the units' NaN-ness is hashed apart
      sc.update(JSON.stringify(s)).update([s.pointsUnits, s.costUnits, s.bookedUnits, s.patientPaidUnits].map(String).join());
      await state.accepted(s);
    }
  }
  const run = await state.finish();
  return `${sc.digest('hex')}/${digest(run)}/${rows.digest('hex')}/${issues.digest('hex')}`;
};

const CHUNK = 1000;
/**
 * One timed run as the one-thread CLI does it (score, then apply; nothing retained), in chunks of 1,000 records: the
 * chunk is scored (timed as `score`), then applied (timed as `state`). No-op sinks.
 */
const timed = async (v: Variant): Promise<{ score: number; state: number }> => {
  const scorer = v.scorer(input);
  if (warm) for (const i of items) if (i.ok === true) scorer.score(i.record, i.line, i.warnings);
  const state = v.state(input, { onCase: () => undefined, onIssue: () => undefined });
  let tScore = 0;
  let tState = 0;
  const buf: (ScoredCase | RecordItem)[] = new Array<ScoredCase | RecordItem>(CHUNK);
  let t = performance.now();
  await state.start();
  for (let at = 0; at < items.length; at += CHUNK) {
    const n = Math.min(CHUNK, items.length - at);
    const t0 = performance.now();
    for (let k = 0; k < n; k++) {
      const i = items[at + k]!;
      buf[k] = i.ok === true ? scorer.score(i.record, i.line, i.warnings) : i;
    }
    const t1 = performance.now();
    for (let k = 0; k < n; k++) {
      const x = buf[k]!;
      if ('result' in x) await state.accepted(x);
      else if (x.ok === 'fileIssues') await state.fileIssues(x.issues);
      else if (x.ok === false) await state.rejected(x.line, x.issues);
    }
    const t2 = performance.now();
    tScore += t1 - t0;
    tState += t2 - t1;
  }
  t = performance.now();
  await state.finish();
  tState += performance.now() - t;
  return { score: tScore, state: tState };
};

const hashes: string[] = [];
for (const v of variants) hashes.push(await checked(v));
if (hashes.some((h) => h !== hashes[0])) throw new Error(`outputs differ: ${hashes.join(' ')}`);

const best = new Map<string, { score: number; state: number }>();
for (let k = 0; k < iterations; k++) {
  for (const v of k % 2 === 0 ? variants : [...variants].reverse()) {
    const r = await timed(v);
    const b = best.get(v.name) ?? { score: Infinity, state: Infinity };
    best.set(v.name, { score: Math.min(b.score, r.score), state: Math.min(b.state, r.state) });
  }
}
const us = (ms: number): string => `${((ms * 1000) / accepted.length).toFixed(2)} µs/case`;
for (const v of variants) {
  const b = best.get(v.name)!;
  console.log(`${v.name.padEnd(14)} best of ${iterations}: score ${us(b.score)}, state (accepted + finish) ${us(b.state)}, sum ${us(b.score + b.state)}`);
}
console.log(`outputs identical (ScoredCases, summary, statements, ${accepted.length} case rows, issues); load after ${loadLine()}`);
