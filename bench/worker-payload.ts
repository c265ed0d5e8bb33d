/**
 * `npx tsx bench/worker-payload.ts [rows]`: what it costs to ship one range's scored rows from a worker to the main
 * thread (`src/io/parallel`), per row: structured clone (what `postMessage` does) of the `WorkerRow` objects vs
 * alternatives. Rows are parsed and scored in-process exactly as `settleWorker` does.
 */
import { readFileSync } from 'node:fs';
import { CsvTokenizer } from '../src/io/CsvTokenizer.js';
import { parseRecordHeader, parseRecordRow } from '../src/io/recordRows.js';
import type { WorkerRow } from '../src/io/parallel/protocol.js';
import { resolvePolicy, validatePolicy } from '../src/policy/index.js';
import { createCaseScorer } from '../src/run/caseScorer.js';
import { loadHospitals } from '../src/io/loadHospitals.js';
import { pingdingshanGrouper } from './group-common.js';

const rows = Number(process.argv[2] ?? 25_000);
const file = '/tmp/dip-bench/records-50000.csv';
const text = readFileSync(file, 'utf8');
const { grouper } = await pingdingshanGrouper('summary');
// the Pingdingshan preset with a budget PV, so that outliers are tested (examples/small/policy.json)
const doc = validatePolicy(JSON.parse(readFileSync('examples/small/policy.json', 'utf8')));
if (!doc.ok) throw new Error('policy');
const r = resolvePolicy(doc.value, '2025-12-31');
if (!r.ok) throw new Error('policy');
const hospitals = await loadHospitals(file.replace('.csv', '-hospitals.csv'));
const scorer = createCaseScorer({ policy: r.value, grouper, year: 2025, hospitals: hospitals.rows });
const out: WorkerRow[] = [];
let header: ReturnType<typeof parseRecordHeader>['header'] | undefined;
const t = new CsvTokenizer();
t.push(text, (row) => {
  if (header === undefined) {
    header = parseRecordHeader(row.cells, row.line).header;
    return;
  }
  if (out.length >= rows) return;
  const p = parseRecordRow(header, row.cells, row.line, row.strayQuote === true, {});
  let valid = p.record !== undefined;
  for (const i of p.issues) if (i.severity === 'error') valid = false;
  out.push({ line: p.line, issues: p.issues, hospitalId: p.hospitalId, caseId: p.caseId, valid, scored: valid ? scorer.score(p.record!, p.line, p.issues.length > 0 ? p.issues : undefined) : undefined });
});
const time = (name: string, f: () => unknown): void => {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const s = process.hrtime.bigint();
    f();
    best = Math.min(best, Number(process.hrtime.bigint() - s) / 1e3);
  }
  console.log(`${name.padEnd(50)} ${(best / out.length).toFixed(2)} µs/row`);
};
const { serialize, deserialize } = await import('node:v8');
const ser = serialize(out);
console.log(`${out.length} rows; structured clone ${ser.length} bytes (${(ser.length / out.length).toFixed(0)} B/row); JSON ${JSON.stringify(out).length} chars`);
time('v8.serialize (postMessage side of the worker)', () => serialize(out));
time('v8.deserialize (main thread)', () => deserialize(ser));
const json = JSON.stringify(out);
time('JSON.stringify', () => JSON.stringify(out));
time('JSON.parse', () => JSON.parse(json));
if (process.argv.includes('--show')) console.log(JSON.stringify(out[0], null, 1), JSON.stringify(out.find((x) => x.issues.length > 0)));
{
  const { encodeRows, decodeRows } = await import('../src/io/parallel/rowCodec.js');
  const packed = encodeRows(out);
  console.log(`packed: ${packed.length} chars (${(packed.length / out.length).toFixed(0)} per row)`);
  time('encodeRows (worker)', () => encodeRows(out));
  time('decodeRows (main thread)', () => decodeRows(packed));
  time('v8.serialize of the packed string', () => serialize(packed));
}
{
  let withIssues = 0, withOnce = 0, withScIssues = 0;
  const codes: Record<string, number> = {};
  for (const x of out) {
    if (x.issues.length > 0) withIssues++;
    if (x.scored?.onceIssues !== undefined) { withOnce++; for (const i of x.scored.onceIssues) codes[i.code] = (codes[i.code] ?? 0) + 1; }
    if (x.scored?.issues !== undefined) { withScIssues++; for (const i of x.scored.issues) codes['s:' + i.code] = (codes['s:' + i.code] ?? 0) + 1; }
  }
  console.log({ withIssues, withOnce, withScIssues, codes });
}
{
  const flat: unknown[] = [];
  for (const r of out) {
    const s = r.scored;
    if (s === undefined) { flat.push(r.line, r.hospitalId, r.caseId, r.valid, r.issues.length === 0 ? undefined : r.issues, false); continue; }
    const c = s.result;
    flat.push(r.line, r.hospitalId, r.caseId, r.valid, r.issues.length === 0 ? undefined : r.issues, true, s.issues, s.onceIssues, s.hasPoints, s.pointsExact, s.booked, s.patientPaid, s.pointsUnits, s.costUnits, s.bookedUnits, s.patientPaidUnits,
      c.pool, c.month, c.status, c.packetCode, c.packetKind, c.outlier, c.coefficient, c.auxCoef, c.ratio, c.casePoints, c.totalCost, c.reason, c.specialCaseAmount);
  }
  const fs = serialize(flat);
  console.log(`flat array: ${fs.length} bytes (${(fs.length / out.length).toFixed(0)} B/row)`);
  time('flat: build array (worker)', () => { const a: unknown[] = []; for (const r of out) { const s = r.scored; if (s) { const c = s.result; a.push(r.line, r.hospitalId, r.caseId, r.valid, undefined, true, s.issues, s.onceIssues, s.hasPoints, s.pointsExact, s.booked, s.patientPaid, s.pointsUnits, s.costUnits, s.bookedUnits, s.patientPaidUnits, c.pool, c.month, c.status, c.packetCode, c.packetKind, c.outlier, c.coefficient, c.auxCoef, c.ratio, c.casePoints, c.totalCost, c.reason, c.specialCaseAmount); } } return a; });
  time('flat: v8.serialize', () => serialize(flat));
  time('flat: v8.deserialize', () => deserialize(fs));
}
