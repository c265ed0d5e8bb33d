/**
 * P10: `dip settle --workers` sends a range's plain rows as numbers, a string dictionary and spill bytes
 * (`src/io/parallel/plainRows.ts`) and the main thread applies them with `WorkerRowsApplier` (`acceptedPlainNow`,
 * `CaseSpillWriter.writeBytes`). Proven against the frozen 7b27ed9 loop (tests/cli/reference/workerRowsP10Reference.ts:
 * every row a `WorkerRow`, `acceptedNow` writing the result to the spill), in process: the same ranges through the real
 * worker code (`processChunk`) with and without the plain builder, the new payload through `structuredClone` with its
 * buffers transferred as `postMessage` does; then the spill bytes, the issues in order, the read summary and the run's
 * result must be equal. Random files from a generated year with bad rows, duplicates within and across ranges, quoted
 * cells (a comma, a quote, a line break), costs past 2^53 units, formula-like and non-ASCII ids (the spill's text path), out-of-year and
 * unknown-hospital cases, CRLF, random range cuts, two "workers" (builders) round robin, and issue sinks that return
 * promises. The end-to-end CLI check (one thread = workers, bytes of every output) is tests/cli/settleWorkers.test.ts
 * and the last test here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import type { CliIo } from '../../src/cli/io.js';
import { WorkerRowsApplier } from '../../src/cli/commands/settle.js';
import type { Issue } from '../../src/core/issue.js';
import { createGrouper } from '../../src/grouping/index.js';
import { loadCatalog } from '../../src/io/loadCatalog.js';
import { loadHospitals } from '../../src/io/loadHospitals.js';
import { loadProcedureClasses } from '../../src/io/loadProcedureClasses.js';
import { CaseSpillWriter } from '../../src/io/parallel/caseSpill.js';
import { PlainRowsBuilder } from '../../src/io/parallel/plainRows.js';
import { processChunk } from '../../src/io/parallel/processChunk.js';
import type { ChunkResult, ChunkTask } from '../../src/io/parallel/protocol.js';
import { countLineBreaks } from '../../src/io/parallel/recordBoundaries.js';
import { decodeRows, plainRowsOf, transferListOf } from '../../src/io/parallel/rowCodec.js';
import { RecordsReadState, parseRecordHeader } from '../../src/io/recordRows.js';
import type { RecordHeader } from '../../src/io/recordRows.js';
import { getPreset, resolvePolicy, validatePolicy } from '../../src/policy/index.js';
import type { ResolvedPolicy } from '../../src/policy/index.js';
import { createCaseScorer } from '../../src/run/caseScorer.js';
import type { CaseScorer } from '../../src/run/caseScorer.js';
import { createRunState } from '../../src/run/runState.js';
import type { HospitalInfo } from '../../src/run/types.js';
import { applyRowsReference } from './reference/workerRowsP10Reference.js';

const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dip-p10-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { out: o, err: e, stdout: (t) => void o.push(t), stderr: (t) => void e.push(t), stderrIsTTY: false, cwd: root };
}

let headerLine = '';
let header: RecordHeader;
/** Data lines to pick from (each one record; some with quoted cells). */
let pool: string[] = [];
/**
 * Policy × hospital table: examples/small; the same with ungrouped cases at fixed points (ungrouped cases with points),
 * and at fixed points longer than the points' scale (exact text sums: not plain); preset national-2024 (an issue
 * reported once on every case: not plain); the fixed-point variants without the chapter-packet fallback; each with the full hospital table and one without two hospitals.
 */
const setups: { policy: ResolvedPolicy; grouper: ReturnType<typeof createGrouper>; scorer: CaseScorer; hospitals: HospitalInfo[] }[] = [];
let records = '';
let hospitalsPath = '';

beforeAll(async () => {
  records = join(dir, 'g.csv');
  hospitalsPath = join(dir, 'g-hospitals.csv');
  expect(await main(['generate', '--out', records, '--rows', '400', '--hospitals', '8', '--bad-share', '0.06', '--seed', 'p10', '--quiet'], fakeIo())).toBe(0);
  const lines = readFileSync(records, 'utf8').trimEnd().split('\n');
  headerLine = lines[0]!;
  header = parseRecordHeader(headerLine.split(','), 1).header;
  const cols = headerLine.split(',');
  const at = (name: string): number => cols.indexOf(name);
  const variants: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    variants.push(lines[i]!);
    if (cells.length !== cols.length) continue;
    const v = (k: string, value: string): string => {
      const c = [...cells];
      c[at(k)] = value;
      return c.join(',');
    };
    switch (i % 9) {
      case 1: // a case id with a comma and a quote (quoted cell; the spill quotes it: text path)
        variants.push(v('case_id', `"${cells[at('case_id')]}""x,1"`));
        break;
      case 2: // formula-like case id (protected in the spill: text path)
        variants.push(v('case_id', `=${cells[at('case_id')]}`));
        break;
      case 3: // a hospital not in the table, non-ASCII
        variants.push(v('hospital_id', '医院X'));
        break;
      case 4: // discharged the year before (out of year)
        variants.push(v('discharge_date', '2024-12-30').replace(cells[at('admission_date')]!, '2024-12-20').replace(cells[at('settlement_date')]!, '2025-01-05'));
        break;
      case 5: // a quoted line break in an ignored column
        variants.push(v('source_outlier', '"a\nb"'));
        break;
      case 7: {
        // a cost past 2^53 units of 1/10^4 yuan (exact text sums: not plain), other_paid keeping the payment identity
        const cents = (k: string): bigint => BigInt(cells[at(k)]!.replace('.', ''));
        const other = 9876543210987650n - cents('fund_paid') - cents('patient_paid');
        const c = [...cells];
        c[at('total_cost')] = '98765432109876.50';
        c[at('other_paid')] = `${other / 100n}.${String(other % 100n).padStart(2, '0')}`;
        variants.push(c.join(','));
        break;
      }
      case 6: // a diagnosis without a packet (ungrouped unless a chapter packet takes it)
        variants.push(v('principal_dx', i % 2 === 0 ? 'X99.999' : 'R69.x00'));
        break;
      default:
    }
  }
  pool = variants;
  const small = JSON.parse(readFileSync(join(root, 'examples/small/policy.json'), 'utf8'));
  const fixed = (points: string): unknown => {
    const d = structuredClone(small);
    d.parameters.grouping[0].value.fallbackChain = []; // no chapter packet: a diagnosis without a packet is ungrouped
    d.parameters.ungrouped[0].value = { ...d.parameters.ungrouped[0].value, ungroupedPolicy: 'fixedPoints', fixedPoints: points };
    return d;
  };
  const classes = await loadProcedureClasses(join(root, 'fixtures/icd/procedure-classes.csv'));
  const table = classes.table;
  const hospitals = (await loadHospitals(hospitalsPath)).rows;
  for (const json of [small, fixed('250.5'), fixed('0.123456789'), getPreset('national-2024')]) {
    const doc = validatePolicy(json);
    if (!doc.ok) throw new Error(`policy: ${JSON.stringify(doc.issues)}`);
    const r = resolvePolicy(doc.value, '2025-12-31');
    if (!r.ok) throw new Error('policy');
    const policy = r.value;
    const cat = await loadCatalog(join(root, 'fixtures/pingdingshan-2025-dip2/catalog.csv'), { statsPath: join(root, 'fixtures/pingdingshan-2025-dip2/packet-stats.csv'), ...(policy.grouping.catalogNotation === undefined ? {} : { notation: policy.grouping.catalogNotation as never }) });
    const grouper = createGrouper(cat.catalog, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (code) => table.classOf(code) }, trace: 'summary' });
    for (const hs of [hospitals, hospitals.slice(2)]) setups.push({ policy, grouper, scorer: createCaseScorer({ policy, grouper, year: 2025, hospitals: hs }), hospitals: [...hs] });
  }
}, 120_000);

/** A spill writer into memory. */
function memorySpill(): { spill: CaseSpillWriter; bytes: () => Buffer } {
  const parts: Buffer[] = [];
  const spill = new CaseSpillWriter(-1, 'memory', ((_fd: number, b: Uint8Array, off: number, len: number) => {
    parts.push(Buffer.from(b.subarray(off, off + len)));
    return len;
  }) as never);
  return {
    spill,
    bytes: () => {
      spill.flush();
      return Buffer.concat(parts);
    },
  };
}

/** The ranges of `text` cut before the records at `cuts` (record indexes), as the main thread's tasks. */
function tasksOf(lines: readonly string[], eol: string, cuts: readonly number[]): ChunkTask[] {
  const starts = [...new Set([0, ...cuts.map((c) => 1 + (c % Math.max(1, lines.length)))])].sort((a, b) => a - b);
  const all = [headerLine, ...lines];
  const tasks: ChunkTask[] = [];
  let line = 1;
  let lf = 1;
  for (let i = 0; i < starts.length; i++) {
    const text = all.slice(starts[i], starts[i + 1] ?? all.length).map((l) => l + eol).join('');
    const bytes = new TextEncoder().encode(text);
    tasks.push({ index: i, buffer: bytes.buffer as ArrayBuffer, length: bytes.length, startLine: line, startLf: lf, skipHeader: i === 0 });
    const c = countLineBreaks(bytes, 0, bytes.length);
    line += c.breaks;
    lf += c.lf;
  }
  return tasks;
}

/** Every output of applying `tasks` the old way (frozen loop) or the new way (plain rows, structured clone). */
async function applyAll(tasks: readonly ChunkTask[], setup: (typeof setups)[number], plain: boolean, asyncIssues: boolean): Promise<unknown> {
  const { spill, bytes } = memorySpill();
  const issues: Issue[] = [];
  let n = 0;
  const state = createRunState(
    { policy: setup.policy, grouper: setup.grouper, year: 2025, hospitals: setup.hospitals },
    {
      onCase: (c) => spill.write(c),
      onIssue: (i) => {
        issues.push(i);
        // every third issue's write "flushes" (a promise), as CsvWriter's does when a chunk is full
        return asyncIssues && n++ % 3 === 0 ? Promise.resolve() : undefined;
      },
    },
  );
  await state.start();
  const readState = new RecordsReadState();
  readState.header(1, header, []);
  const applier = new WorkerRowsApplier(readState, state, spill);
  const builders = [new PlainRowsBuilder(), new PlainRowsBuilder()];
  let plainRows = 0;
  for (const task of tasks) {
    const copy = { ...task, buffer: task.buffer.slice(0) };
    if (!plain) {
      const r = processChunk(copy, setup.scorer, { encoding: 'utf8', header }, undefined);
      if (r.type !== 'chunk') throw new Error(r.detail);
      await applyRowsReference(decodeRows(r.rows), readState, state);
      continue;
    }
    const r = processChunk(copy, setup.scorer, { encoding: 'utf8', header }, builders[task.index % 2]);
    if (r.type !== 'chunk') throw new Error(r.detail);
    const sent = structuredClone(r, { transfer: transferListOf(r.rows) ?? [] }) as Extract<ChunkResult, { type: 'chunk' }>;
    const rows = decodeRows(sent.rows);
    plainRows += plainRowsOf(rows)!.caseIds.length;
    await applier.range(rows);
  }
  const run = await state.finish();
  return { spill: bytes().toString('latin1'), issues, run, read: readState.summary(0, 'utf8'), plainRows: plain ? plainRows : undefined };
}

describe('P10 plain rows (dip settle --workers)', () => {
  it('the plain path gives the frozen path\'s spill bytes, issues, read summary and run (seed 10010, 150 runs)', async () => {
    let plainSeen = 0;
    let otherSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(10_000), { minLength: 1, maxLength: 90, size: 'max' }),
        fc.array(fc.nat(200), { maxLength: 10 }),
        fc.boolean(),
        fc.nat(7),
        fc.boolean(),
        async (picks, cuts, crlf, table, asyncIssues) => {
          const lines = picks.map((p) => pool[p % pool.length]!);
          const tasks = tasksOf(lines, crlf ? '\r\n' : '\n', cuts);
          const setup = setups[table]!;
          const old = (await applyAll(tasks, setup, false, asyncIssues)) as { plainRows: undefined };
          const now = (await applyAll(tasks, setup, true, asyncIssues)) as { plainRows: number };
          plainSeen += now.plainRows;
          otherSeen += lines.length - now.plainRows;
          expect({ ...now, plainRows: undefined }).toStrictEqual(old);
        },
      ),
      { seed: 10010, numRuns: 150 },
    );
    // both kinds of rows were exercised
    expect(plainSeen).toBeGreaterThan(500);
    expect(otherSeen).toBeGreaterThan(100);
  }, 300_000);

  it('a range that fails (unclosed quote) leaves nothing behind in the builder for the next range', () => {
    const builder = new PlainRowsBuilder();
    const lines = pool.slice(0, 5);
    const bad = new TextEncoder().encode(`${headerLine}\n${lines.join('\n')}\n"unclosed,\n`);
    const r1 = processChunk({ index: 0, buffer: bad.buffer as ArrayBuffer, length: bad.length, startLine: 1, startLf: 1, skipHeader: true }, setups[0]!.scorer, { encoding: 'utf8', header }, builder);
    expect(r1.type).toBe('error');
    const good = new TextEncoder().encode(`${lines.slice(0, 2).join('\n')}\n`);
    const r2 = processChunk({ index: 1, buffer: good.buffer as ArrayBuffer, length: good.length, startLine: 10, startLf: 10, skipHeader: false }, setups[0]!.scorer, { encoding: 'utf8', header }, builder);
    if (r2.type !== 'chunk') throw new Error('chunk');
    const p = plainRowsOf(decodeRows(r2.rows))!;
    expect(p.count).toBe(2);
    expect(p.caseIds.length + decodeRows(r2.rows).length).toBe(2);
  });

  it('dip settle: one thread = --workers 2 (1 KiB ranges) = --workers 3 --dedup disk, every output byte for byte, a file with duplicates far apart', async () => {
    // the generated file and, copied far apart, some of its lines again (duplicates across ranges and within one)
    const lines = readFileSync(records, 'utf8').trimEnd().split('\n');
    const body = lines.slice(1);
    const dup = [...body, body[3]!, ...body.slice(10, 40), body[3]!, body[200]!, body[201]!];
    const file = join(dir, 'dups.csv');
    writeFileSync(file, `${[lines[0]!, ...dup].join('\r\n')}\r\n`, 'utf8');
    const run = async (out: string, extra: string[]): Promise<Record<string, string>> => {
      const io = fakeIo();
      const code = await main(['settle', '--policy', 'examples/small/policy.json', '--catalog', 'fixtures/pingdingshan-2025-dip2/catalog.csv', '--records', file, '--hospitals', hospitalsPath, '--out', out, ...extra], io);
      const files: Record<string, string> = { code: String(code), stdout: io.out.join('').replace(/outputs in .*/, '') };
      for (const f of ['cases.csv', 'issues.csv', 'hospitals.csv']) files[f] = readFileSync(join(out, f), 'latin1');
      files['summary.json'] = readFileSync(join(out, 'summary.json'), 'utf8').replace(/"wallTimeMs": \d+/, '');
      return files;
    };
    const one = await run(join(dir, 'one'), []);
    expect(one['issues.csv']).toContain('record.duplicate_case');
    expect(await run(join(dir, 'w2'), ['--workers', '2', '--chunk-kib', '1'])).toStrictEqual(one);
    expect(await run(join(dir, 'w3'), ['--workers', '3', '--chunk-kib', '2', '--dedup', 'disk'])).toStrictEqual(one);
  }, 300_000);
});
