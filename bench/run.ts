/**
 * `npm run bench [-- --quick] [-- --rows N] [-- --no-e2e] [-- --dist]`: the pipeline stages, each timed with tinybench beside
 * a naive baseline over the same data, printing cases/s and the process's peak RSS after the stage. Never a test;
 * results go to `bench/RESULTS.md` by hand (with the load average printed here).
 *
 * Data: a seeded synthetic year (`scripts/generate.ts`, seed `dip-engine-2025`) cached outside git in
 * `/tmp/dip-bench/records-N.csv`; generated on the first run. Default 200,000 rows; `--quick` 50,000 rows and 2
 * iterations per task (well under 2 minutes on 2 cores under load).
 *
 * Stages (in-memory inputs are prepared outside the timed functions):
 * 1. raw newline scan of the file bytes (the floor every CSV reader is compared with) vs
 * 2. decode + tokenize (`TextChunkDecoder` + `CsvTokenizer`), beside a naive `split('\n')` / `split(',')` parse;
 * 3. validate (`validateRecord` on raw records already tokenized, and `parseRecordRow` on the tokenizer's cells — the
 *    reader's and the workers' path);
 * 4. `readRecords` (decode + tokenize + header map + validate + duplicate keys, from the file);
 * 5. group (`grouper.group` on validated records: the warm grouper replaying records it has seen, and a new grouper on
 *    records parsed afresh, each grouped once, as `dip settle` sees them);
 * 6. case points (`scoreCase` on per-packet contexts with the PV in force 5.718153, REGION_AVE_VAL / 1000), beside
 *    parsing the cost alone (`dec(totalCost)`);
 * 7. aggregate: `toAccumulatedCase` + `addCase`, beside decimal.js sums and scaled-integer sums of the same amounts
 *    (the two sums are checked equal);
 * 8. write: `encodeCsvRow` of one per-case output row;
 * 9. end to end: `dip settle` in a child process (wall time, CPU time, peak RSS via `/usr/bin/time` when present), in
 *    one thread and with `--workers 1` and `--workers 2`, beside a raw newline scan of the file read from disk; the
 *    three runs' outputs are checked byte-identical. `--dist` runs the built `dist/cli.js` instead of tsx.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import os from 'node:os';
import process from 'node:process';
import { Bench } from 'tinybench';
import type { Dec } from '../src/decimal/index.js';
import { ZERO, dec } from '../src/decimal/index.js';
import { CsvTokenizer } from '../src/io/CsvTokenizer.js';
import { TextChunkDecoder } from '../src/io/TextChunkDecoder.js';
import { readRecords } from '../src/io/readRecords.js';
import { parseRecordHeader, parseRecordRow } from '../src/io/recordRows.js';
import { encodeCsvRow } from '../src/io/writeCsv.js';
import type { CaseContext } from '../src/points/casePoints.js';
import { prepareCaseContext, scoreCase } from '../src/points/casePoints.js';
import { getPreset, resolvePolicy } from '../src/policy/index.js';
import type { RawRecord } from '../src/records/index.js';
import { validateRecord } from '../src/records/index.js';
import type { DischargeRecord } from '../src/records/types.js';
import { addCase, createSettlementAccumulator, toAccumulatedCase } from '../src/settlement/index.js';
import { createGrouper } from '../src/grouping/index.js';
import { pingdingshanGrouper, pingdingshanOptions } from './group-common.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const rowsArg = argv.indexOf('--rows');
const rows = rowsArg === -1 ? (quick ? 50_000 : 200_000) : Number(argv[rowsArg + 1]);
const iterations = quick ? 2 : 3;
const DIR = '/tmp/dip-bench';
const file = `${DIR}/records-${rows}.csv`;

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const rssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

if (!existsSync(file)) {
  mkdirSync(DIR, { recursive: true });
  log(`generating ${file} …`);
  const g = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', '--out', file, '--rows', String(rows), '--quiet'], { stdio: 'inherit' });
  if (g.status !== 0) throw new Error('scripts/generate.ts failed');
}
log(`dip-engine bench: ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cpus, load ${load()}, file ${file}${quick ? ' (quick)' : ''}`);

// ---- Inputs prepared outside the timed tasks.
const bytes = readFileSync(file);
const { grouper, catalog: benchCatalogG, classes: benchClasses } = await pingdingshanGrouper('summary');
const p = getPreset('pingdingshan-2025');
const resolved = resolvePolicy(p, `${'2025'}-12-31`);
if (!resolved.ok) throw new Error('cannot resolve pingdingshan-2025');
const policy = resolved.value;

function tokenize(onRow: (cells: string[]) => void): void {
  const dec8 = new TextChunkDecoder('utf8');
  const tok = new CsvTokenizer();
  const CHUNK = 1 << 20;
  for (let i = 0; i < bytes.length; i += CHUNK) tok.push(dec8.decode(bytes.subarray(i, Math.min(bytes.length, i + CHUNK))), (r) => onRow(r.cells));
  tok.push(dec8.end(), (r) => onRow(r.cells));
  tok.end((r) => onRow(r.cells));
}
let header: string[] = [];
const raws: RawRecord[] = [];
const cellRows: string[][] = [];
tokenize((cells) => {
  if (header.length === 0) {
    header = cells;
    return;
  }
  cellRows.push(cells);
  const raw: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) {
    const v = cells[i] ?? '';
    if (v !== '') raw[header[i]!] = v;
  }
  raws.push(raw as RawRecord);
});
const recordHeader = parseRecordHeader(header, 1).header;
const records: DischargeRecord[] = [];
for (const r of raws) {
  const v = validateRecord(r);
  if (v.record !== undefined) records.push(v.record);
}
const n = records.length;
const contexts = new Map<string, CaseContext>();
const scored: { rec: DischargeRecord; ctx: CaseContext; packet: string }[] = [];
for (const rec of records) {
  const g = grouper.group(rec);
  if (g.status !== 'grouped') continue;
  const key = `${g.packetCode}|${g.auxCoef}`;
  let ctx = contexts.get(key);
  if (ctx === undefined) {
    // PV in force 5.718153 = REGION_AVE_VAL / 1000 of the catalog (examples/small/policy.json): realistic outlier shares
    ctx = prepareCaseContext({ rw: g.packet.points, kind: g.kind, isPrimaryCare: g.isPrimaryCare, coef: '1', auxCoef: g.auxCoef, pointValue: '5.718153' }, policy);
    contexts.set(key, ctx);
  }
  scored.push({ rec, ctx, packet: g.packetCode });
}
log(`${raws.length} raw rows, ${n} valid records, ${scored.length} grouped, ${contexts.size} case contexts; prepared, peak RSS ${rssMiB()} MiB`);

// ---- Exact sums: decimal.js vs scaled integers (1/10,000 yuan; amounts have ≤ 4 dp).
const SCALE_DP = 4;
function toScaled(s: string): number {
  const dot = s.indexOf('.');
  if (dot === -1) return Number(s) * 10_000;
  const frac = s.slice(dot + 1);
  return Number(s.slice(0, dot)) * 10_000 + Number(frac.padEnd(SCALE_DP, '0'));
}
function scaledToString(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const i = a / 10_000n;
  const f = (a % 10_000n).toString().padStart(4, '0');
  return `${neg ? '-' : ''}${i}.${f}`;
}
function sumDecimal(): string {
  let s: Dec = ZERO;
  for (const r of records) s = s.plus(dec(r.totalCost)).plus(dec(r.fundPaid)).plus(dec(r.patientPaid));
  return s.toFixed(4);
}
function sumScaled(): string {
  // Safe integers: every partial sum stays far below 2^53 / 10^4 yuan; flushed into a BigInt every 4,096 rows.
  let big = 0n;
  let acc = 0;
  let k = 0;
  for (const r of records) {
    acc += toScaled(r.totalCost) + toScaled(r.fundPaid) + toScaled(r.patientPaid);
    if (++k === 4096) {
      big += BigInt(acc);
      acc = 0;
      k = 0;
    }
  }
  return scaledToString(big + BigInt(acc));
}
const dSum = sumDecimal();
const sSum = sumScaled();
if (dSum !== sSum) throw new Error(`scaled sum ${sSum} ≠ decimal sum ${dSum}`);

// ---- Tasks.
interface Row {
  stage: string;
  task: string;
  cases: number;
}
const rowsOut: (Row & { ms: number; rss: number })[] = [];
let sink = 0;
const tasks: [Row, () => void][] = [
  [{ stage: '1 scan', task: 'raw newline scan (Buffer.indexOf)', cases: raws.length }, () => {
    let c = 0;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) c++;
    sink += c;
  }],
  [{ stage: '2 parse', task: 'naive: toString + split("\\n") + split(",")', cases: raws.length }, () => {
    const lines = bytes.toString('utf8').split('\n');
    for (const l of lines) sink += l.split(',').length;
  }],
  [{ stage: '2 parse', task: 'TextChunkDecoder + CsvTokenizer', cases: raws.length }, () => {
    tokenize((cells) => {
      sink += cells.length;
    });
  }],
  [{ stage: '3 validate', task: 'validateRecord (raw → record)', cases: raws.length }, () => {
    for (const r of raws) sink += validateRecord(r).issues.length;
  }],
  [{ stage: '3 validate', task: 'parseRecordRow (cells → record, the reader\'s path)', cases: cellRows.length }, () => {
    for (const c of cellRows) sink += parseRecordRow(recordHeader, c, 2, false, {}).issues.length;
  }],
  [{ stage: '5 group', task: 'baseline: read 4 fields', cases: n }, () => {
    for (const r of records) sink += r.principalDx.length + r.otherProcedures.length + r.caseId.length + (r.principalProcedure?.length ?? 0);
  }],
  [{ stage: '5 group', task: 'grouper.group', cases: n }, () => {
    for (const r of records) sink += grouper.group(r).status === 'grouped' ? 1 : 0;
  }],
  [{ stage: '6 points', task: 'baseline: dec(totalCost) only', cases: scored.length }, () => {
    for (const s of scored) sink += dec(s.rec.totalCost).isZero() ? 0 : 1;
  }],
  [{ stage: '6 points', task: 'scoreCase (context per packet)', cases: scored.length }, () => {
    for (const s of scored) sink += scoreCase(s.ctx, s.rec.totalCost).needsReview ? 1 : 0;
  }],
  [{ stage: '7 aggregate', task: 'decimal.js sums (3 amounts)', cases: n }, () => {
    sink += sumDecimal().length;
  }],
  [{ stage: '7 aggregate', task: 'scaled-integer sums (same 3 amounts)', cases: n }, () => {
    sink += sumScaled().length;
  }],
  [{ stage: '7 aggregate', task: 'toAccumulatedCase + addCase', cases: scored.length }, () => {
    const acc = createSettlementAccumulator();
    const pts = dec('1000.1234');
    for (const s of scored) addCase(acc, toAccumulatedCase(s.rec, pts, 'normal', ['fund_paid']));
    sink += Object.keys(acc.hospitals).length;
  }],
  [{ stage: '8 write', task: 'encodeCsvRow (per-case row)', cases: scored.length }, () => {
    for (const s of scored) sink += encodeCsvRow([s.rec.caseId, s.rec.hospitalId, s.rec.insuranceType, s.rec.dischargeDate.slice(0, 7), 'grouped', s.packet, '1', '1000.1234', s.rec.totalCost]).length;
  }],
];

for (const [row, fn] of tasks) {
  const b = new Bench({ iterations, time: 0, warmupIterations: 1, warmupTime: 0 });
  b.add(row.task, fn);
  await b.run();
  const r = b.tasks[0]?.result as unknown as { latency?: { min: number } } | undefined;
  const ms = r?.latency?.min ?? Number.NaN;
  rowsOut.push({ ...row, ms, rss: rssMiB() });
}


// readRecords from the file (async generator; timed directly, best of `iterations`).
{
  let best = Number.POSITIVE_INFINITY;
  for (let it = 0; it < iterations; it++) {
    const t = process.hrtime.bigint();
    let k = 0;
    for await (const e of readRecords(file, { encoding: 'utf8', maxIssues: 20 })) if (e.type === 'record') k++;
    sink += k;
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  rowsOut.splice(5, 0, { stage: '4 read', task: 'readRecords (file → records)', cases: raws.length, ms: best, rss: rssMiB() });
}

// grouper.group as a run sees it: a new grouper (empty caches) and records parsed afresh from the bytes (strings never
// hashed before), each record grouped once; grouper and records prepared untimed, best of `iterations`. Stage 5's
// tinybench row above replays records the warm grouper has already seen, so it times cache hits only.
{
  let best = Number.POSITIVE_INFINITY;
  for (let it = 0; it < iterations; it++) {
    const fresh: DischargeRecord[] = [];
    let head = true;
    tokenize((cells) => {
      if (head) {
        head = false;
        return;
      }
      const r = parseRecordRow(recordHeader, cells, 2, false, {}).record;
      if (r !== undefined) fresh.push(r);
    });
    const g = createGrouper(benchCatalogG, { options: pingdingshanOptions(), procedureClasses: benchClasses, trace: 'summary' });
    const t = process.hrtime.bigint();
    let k = 0;
    for (const r of fresh) k += g.group(r).status === 'grouped' ? 1 : 0;
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
    sink += k;
  }
  const at = rowsOut.findIndex((r) => r.task === 'grouper.group') + 1;
  rowsOut.splice(at, 0, { stage: '5 group', task: 'grouper.group, new grouper, records parsed afresh (each once, as a run)', cases: n, ms: best, rss: rssMiB() });
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
log(`\n| stage | task | cases | best ms | cases/s | µs/case | peak RSS MiB |\n|---|---|---:|---:|---:|---:|---:|`);
for (const r of rowsOut) log(`| ${r.stage} | ${r.task} | ${fmt(r.cases)} | ${r.ms.toFixed(1)} | ${fmt((r.cases / r.ms) * 1000)} | ${((r.ms * 1000) / r.cases).toFixed(2)} | ${r.rss} |`);
const groupMs = rowsOut.find((r) => r.task === 'grouper.group')!.ms;
const pointsMs = rowsOut.find((r) => r.task.startsWith('scoreCase'))!.ms;
const coldMs = rowsOut.find((r) => r.task.startsWith('grouper.group, new grouper'))!.ms;
log(`\ngrouping + case points in memory: ${fmt((n / (groupMs + (pointsMs * n) / scored.length)) * 1000)} cases/s with the grouper's caches warm (goal ≥ 2,000,000); ${fmt((n / (coldMs + (pointsMs * n) / scored.length)) * 1000)} cases/s with a new grouper and fresh records`);
log(`decimal sum = scaled sum = ${dSum}`);

// ---- End to end: dip settle in a child process, in one thread and with 1 and 2 worker threads.
if (!argv.includes('--no-e2e')) {
  // The floor: read the file from disk (page cache) in 4 MiB blocks and count its line feeds.
  let fileScanMs = Number.POSITIVE_INFINITY;
  for (let it = 0; it < 3; it++) {
    const t = process.hrtime.bigint();
    const fh = openSync(file, 'r');
    const buf = Buffer.allocUnsafe(1 << 22);
    let lf = 0;
    for (let got = readSync(fh, buf, 0, buf.length, null); got > 0; got = readSync(fh, buf, 0, buf.length, null)) {
      for (let i = buf.indexOf(10); i !== -1 && i < got; i = buf.indexOf(10, i + 1)) lf++;
    }
    closeSync(fh);
    sink += lf;
    fileScanMs = Math.min(fileScanMs, Number(process.hrtime.bigint() - t) / 1e6);
  }
  log(`\nraw newline scan of the file (read in 4 MiB blocks + Buffer.indexOf), best of 3: ${fileScanMs.toFixed(1)} ms`);
  const cli = existsSync('dist/cli.js') && argv.includes('--dist') ? ['dist/cli.js'] : ['--import', 'tsx', 'src/cli/main.ts'];
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const variants: [string, string[]][] = [
    ['one thread', []],
    ['--workers 1', ['--workers', '1']],
    ['--workers 2', ['--workers', '2']],
  ];
  const walls: number[] = [];
  log(`\n| dip settle (${argv.includes('--dist') ? 'dist/cli.js' : 'tsx src'}) | wall s | CPU s | cases/s wall | cases/CPU-s | peak RSS MiB | ÷ file scan | exit |\n|---|---:|---:|---:|---:|---:|---:|---:|`);
  for (const [name, extra] of variants) {
    const out = `${DIR}/settle-out-${rows}${extra.length > 0 ? `-w${extra[1]}` : ''}`;
    // the preset with a budget PV (examples/small/policy.json), so that every case is tested for outliers
    const args = [...cli, 'settle', '--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--stats', 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', '--records', file, '--hospitals', file.replace(/\.csv$/u, '-hospitals.csv'), '--out', out, ...extra];
    const t = process.hrtime.bigint();
    const c = timeBin === undefined ? spawnSync(process.execPath, args, { encoding: 'utf8' }) : spawnSync(timeBin, ['-f', 'E2E %e %U %S %M', process.execPath, ...args], { encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - t) / 1e9;
    walls.push(wall);
    const m = /E2E (\S+) (\S+) (\S+) (\d+)/u.exec(c.stderr ?? '');
    const cpu = m === null ? Number.NaN : Number(m[2]) + Number(m[3]);
    const rss = m === null ? Number.NaN : Math.round(Number(m[4]) / 1024);
    log(`| ${name} | ${wall.toFixed(1)} | ${cpu.toFixed(1)} | ${fmt(raws.length / wall)} | ${fmt(raws.length / cpu)} | ${rss} | ${((wall * 1000) / fileScanMs).toFixed(0)}× | ${c.status} |`);
  }
  log(`\nspeed-up of --workers 2 over --workers 1: ${(walls[1]! / walls[2]!).toFixed(2)}×; over one thread: ${(walls[0]! / walls[2]!).toFixed(2)}× (wall, incl. startup and catalog load)`);
  const same = ['cases.csv', 'issues.csv', 'hospitals.csv'].every((f) => readFileSync(`${DIR}/settle-out-${rows}/${f}`).equals(readFileSync(`${DIR}/settle-out-${rows}-w2/${f}`)) && readFileSync(`${DIR}/settle-out-${rows}/${f}`).equals(readFileSync(`${DIR}/settle-out-${rows}-w1/${f}`)));
  log(`outputs of the three runs byte-identical (cases.csv, issues.csv, hospitals.csv): ${same}`);
  if (!same) process.exitCode = 1;
}
log(`load after: ${load()}${sink === -1 ? '' : ''}`);
