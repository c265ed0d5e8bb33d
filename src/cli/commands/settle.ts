/**
 * `dip settle`: settle a region-year from files (DIP-RULES.md §6–§8) and write `cases.csv`, `hospitals.csv`,
 * `summary.json` and `issues.csv` into the output directory. File IO only: the settlement itself is the pure
 * `settleRegionYear` of `src/run`.
 *
 * Two passes, memory flat: pass 1 streams the records through the run and writes the per-case points to a spill
 * file; pass 2 streams the spill file into `cases.csv`, adding each case's point value, standard and fund share once
 * the settlement point values are known (DIP-RULES.md §8.1).
 *
 * Exit codes: 0 ok; 1 input issues reported (any error-severity issue: rejected record rows, cases of hospitals not
 * in the hospital table, cases outside the year, bad rows of the hospital / score / prepayment / audit / special-case
 * tables, special-case approvals rejected (over the quota) or naming no settled case,
 * catalog errors, missing coefficients — or cases ungrouped for a data reason, `INVALID_PRINCIPAL_DX`; a case
 * ungrouped because no packet fits it is a grouping outcome, not an input issue); 2 usage error or unreadable input
 * (missing / unreadable file, invalid policy, fatal CSV problem) or an output that cannot be written (disk full, an I/O
 * error: the message names the file). Outputs are written in every case except 2; a run that fails once it has begun
 * its outputs removes them (and the spill), so no half-written output is left that looks complete.
 *
 * @module
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../../core/issue.js';
import type { CliCommand, CliIo } from '../io.js';
import { EXIT_INPUT_ISSUES, EXIT_OK, EXIT_USAGE } from '../io.js';
import { UsageError, parseArgs } from '../args.js';
import { validatePolicy, resolvePolicy, getPreset, isPresetName, PRESET_NAMES } from '../../policy/index.js';
import type { RegionPolicy, ResolvedPolicy } from '../../policy/index.js';
import { createGrouper } from '../../grouping/index.js';
import { loadCatalog, CatalogLoadError } from '../../io/loadCatalog.js';
import { readRecordBatches } from '../../io/readRecords.js';
import type { ReadSummary, RecordEvent } from '../../io/readRecords.js';
import { RecordsReadError } from '../../io/RecordsReadError.js';
import { CsvWriter, OutputWriteError, encodeCsvRow, writeFully } from '../../io/writeCsv.js';
import { CASE_HEADER, CASE_NUMERIC, CaseSpillWriter, putFixed } from '../../io/parallel/caseSpill.js';
import { CsvTokenizer } from '../../io/CsvTokenizer.js';
import type { CsvRow } from '../../io/CsvTokenizer.js';
import { dec, formatFixed } from '../../decimal/index.js';
import { createCaseMoney, roundSafe, safePlain, safePlainAt } from '../../settlement/caseMoney.js';
import type { SafeDecimal } from '../../settlement/caseMoney.js';
import { fromPlain } from '../../points/decimal40.js';
import { loadHospitals } from '../../io/loadHospitals.js';
import { loadProcedureClasses } from '../../io/loadProcedureClasses.js';
import { loadScores } from '../../io/loadScores.js';
import { loadAuditDeductions, loadPrepayments } from '../../io/loadPrepayments.js';
import { loadSpecialCases } from '../../io/loadSpecialCases.js';
import { createCaseScorer } from '../../run/caseScorer.js';
import { createRunState } from '../../run/runState.js';
import type { PlainCase, RunState } from '../../run/runState.js';
import type { RegionYearInput, RunSinks } from '../../run/settleRegionYear.js';
import type { DischargeRecord } from '../../records/types.js';
import { RecordsReadState } from '../../io/recordRows.js';
import type { CaseKeyRegistry } from '../../io/CaseKeySet.js';
import { dedupReport, parseDedup, precomputeCaseKeys } from '../dedup.js';
import { applyMemory, parseMemory, resolveMemory } from '../memory.js';
import type { RecordHeader } from '../../io/recordRows.js';
import { NoSettlementYearError, WorkerOutOfMemoryError, scoreRecordsParallel } from '../../io/parallel/scoreRecordsParallel.js';
import type { ParallelRecordsEvent } from '../../io/parallel/scoreRecordsParallel.js';
import type { SettleWorkerInit, WorkerRow } from '../../io/parallel/protocol.js';
import { F_BOOKED_UNITS, F_COST_UNITS, F_HAS_POINTS, F_HOSPITAL, F_KIND, F_LINE, F_MONTH, F_OUTLIER, F_PATIENT_PAID_UNITS, F_PLAIN, F_POINTS_UNITS, F_POOL, F_REASON, F_STATUS, PLAIN_STRIDE } from '../../io/parallel/plainRows.js';
import { plainRowsOf } from '../../io/parallel/rowCodec.js';
import type { CaseStatus, HospitalStatement, RunPool, SettlementRun } from '../../run/types.js';

// moved to src/io/parallel/caseSpill.ts (a settle worker writes spill bytes with them); exported here as before
export { CASE_HEADER, CASE_NUMERIC, CaseSpillWriter, caseRow, putFixed } from '../../io/parallel/caseSpill.js';

export const USAGE = `usage: dip settle (--policy P.json | --preset NAME) --catalog C.csv [--stats S.csv] --records R.csv --hospitals H.csv
                 [--scores S.csv] [--prepayments P.csv] [--audit A.csv] [--funds employee=F1,resident=F2]
                 [--special-cases SC.csv] [--procedure-classes PC.csv] [--date YYYY-MM-DD] [--year YYYY] [--out DIR]
                 [--workers N [--chunk-kib K] [--worker-heap-mb M]] [--dedup auto|memory|disk] [--memory auto|low|default]

Settle one region-year: group every case, compute case points, the point value per pool, and each hospital's
year-end statement. Writes DIR/cases.csv (per case: packet, outlier class, coefficients, points, point value,
standard, fund due), DIR/hospitals.csv, DIR/summary.json, DIR/issues.csv (DIR default out/settle).

  --policy / --preset   region policy JSON, or a built-in preset (${PRESET_NAMES.join(', ')})
  --date                date the policy is resolved at (default: 31 December of --year)
  --year                settlement year (default: year of --date, else of the first accepted record's discharge date)
  --funds               DIP fund F per pool, overriding pointValue.pools.<pool>.dipFund of the policy
  --prepayments         monthly prepayments made; without it they are computed from the cases with the budget PV
  --special-cases       approved special cases (特例单议): hospital_id, case_id, approved_amount, approved_points,
                        review_month; within the quota they are settled by specialCase.specialCaseMode
  --procedure-classes   procedure class table (default fixtures/icd/procedure-classes.csv of the package)
  --workers             parse, validate, group and score in N worker threads (byte ranges of the records file cut
                        at record boundaries); the main thread applies the duplicate check and the sums in file
                        order, so the outputs are byte-identical to the one-thread run (default: no workers)
  --chunk-kib           size of a byte range for --workers, in KiB (default 32)
  --worker-heap-mb      old-generation heap limit of each worker, in MiB (default none): less memory, more GC
  --dedup               where the duplicate-case check keeps its keys: memory (~13 bytes per case), disk (a pre-pass
                        spills them to hash buckets in DIR: memory independent of the number of cases, one more
                        read of the file), or auto (default: disk for a records file of 1 GiB or more)
  --memory              how far the heap may grow past its live data: low (collected once it has doubled:
                        a resident set that follows the data, a few more collections), default (V8's own, up to
                        about four times), or auto (default: low for a records file of 1 GiB or more, and
                        always with --workers)

Exit codes: 0 ok; 1 input issues reported (see issues.csv); 2 usage error, unreadable input or an output that
cannot be written (no outputs are left then).
`;

/** Columns pass 2 appends: the pool's settlement PV, the case standard and its fund share (§8.1). */
const CASE_MONEY_HEADER = ['point_value', 'standard', 'fund_due'];
const HOSPITAL_HEADER = [
  'hospital_id', 'name', 'level', 'cases', 'grouped', 'ungrouped', 'points', 'total_cost', 'booked', 'clearing_before_assessment', 'score', 'k',
  'audit_deductions', 'clearing_amount', 'booked_after_audit', 'corridor_side', 'corridor_amount', 'overrun_shared', 'deposit_withheld', 'deposit_refund_share',
  'deposit_refund', 'deposit_forfeit', 'prepaid', 'prepaid_source', 'prepay_carry', 'advance_outstanding', 'net_payment',
];
const HOSPITAL_NUMERIC = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22, 24, 25, 26]);
const ISSUE_HEADER = ['source', 'severity', 'code', 'line', 'column', 'message', 'received'];

/** The outputs as summary.json lists them. */
const OUTPUT_FILES_LISTED = ['cases.csv', 'hospitals.csv', 'summary.json', 'issues.csv'];
/** The outputs in the order they are begun (removed, with the spill, when a run fails once it has begun them). */
const OUTPUT_FILES = ['issues.csv', 'cases.csv', 'hospitals.csv', 'summary.json'];

/** Columns of hospitals.csv added when special cases are given. */
const HOSPITAL_SPECIAL_HEADER = ['special_cases', 'special_case_amount'];

function hospitalRow(h: HospitalStatement, special: boolean): string[] {
  const row = [
    h.hospitalId, h.name, h.level, String(h.counts.cases), String(h.counts.grouped), String(h.counts.ungrouped), h.points, h.totalCost, h.booked,
    h.clearingBeforeAssessment, h.score ?? '', h.k, h.auditDeductions, h.clearingAmount, h.bookedAfterAudit, h.corridorSide, h.corridorAmount, h.overrunShared,
    h.depositWithheld, h.depositRefundShare, h.depositRefund, h.depositForfeit, h.prepaid, h.prepaidSource, h.prepayCarry, h.advanceOutstanding, h.netPayment,
  ];
  return special ? [...row, String(h.specialCases ?? 0), h.specialCaseAmount ?? '0.00'] : row;
}

/** Tag issues with the input they came from (records issues carry no file name). */
interface TaggedIssue {
  readonly source: string;
  readonly issue: Issue;
}

function issueRow(t: TaggedIssue): string[] {
  const i = t.issue;
  return [t.source, i.severity, i.code, i.line === undefined ? '' : String(i.line), i.column ?? '', i.message, i.received ?? ''];
}

function defaultProcedureClasses(io: CliIo): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(io.cwd, 'fixtures/icd/procedure-classes.csv'), resolve(here, '../../../fixtures/icd/procedure-classes.csv'), resolve(here, '../fixtures/icd/procedure-classes.csv')];
  return candidates.find((p) => existsSync(p));
}

function parseFunds(raw: string | undefined): Partial<Record<RunPool, string>> {
  if (raw === undefined) return {};
  const out: Partial<Record<RunPool, string>> = {};
  for (const part of raw.split(',')) {
    const m = /^(employee|resident|all)=(\d+(?:\.\d{1,4})?)$/.exec(part.trim());
    if (m === null) throw new UsageError(`--funds: "${part}" is not POOL=AMOUNT (pool employee, resident or all; amount like 123456.78)`);
    out[m[1] as RunPool] = m[2]!;
  }
  return out;
}

/** Peek the first accepted record's discharge year without losing any item. */
/** Read batches until one holds an accepted record: its discharge year, and the batches read so far. */
async function peekYear(batches: AsyncIterator<RecordEvent[]>): Promise<{ year: number | undefined; buffered: RecordEvent[][] }> {
  const buffered: RecordEvent[][] = [];
  for (;;) {
    const n = await batches.next();
    if (n.done === true) return { year: undefined, buffered };
    buffered.push(n.value);
    for (const e of n.value) if (e.type === 'record') return { year: Number(e.record.dischargeDate.slice(0, 4)), buffered };
  }
}

/**
 * The one-thread run over the reader's batches: `settleRegionYear` (`createCaseScorer` + `createRunState`, applied in
 * file order) fed straight from `readRecordBatches`, without an async step per row (`recordItemsFromReader` and the
 * replay of the peeked rows were two async generators, ~0.3 µs a row each), and without a promise per row
 * (`acceptedNow` / `rejectedNow`: a promise only when a sink returned one). Same calls in the same order, so the
 * same outputs (tests/cli: one thread = `--workers`, and the settle tests' expected files).
 */
async function settleBatches(
  buffered: readonly RecordEvent[][],
  rest: AsyncIterator<RecordEvent[]>,
  input: Omit<RegionYearInput, 'records'>,
  sinks: RunSinks,
): Promise<{ run: SettlementRun; read: ReadSummary | undefined }> {
  const scorer = createCaseScorer(input);
  const state = createRunState(input, sinks);
  await state.start();
  let read: ReadSummary | undefined;
  const apply = async (batch: readonly RecordEvent[]): Promise<void> => {
    for (const e of batch) {
      switch (e.type) {
        case 'header':
          if (e.issues.length > 0) await state.fileIssues(e.issues);
          break;
        case 'record': {
          // `acceptedNow`: no promise (and no microtask turn) per case unless a sink returned one (a chunk flush)
          const p = state.acceptedNow(scorer.score(e.record, e.line, e.issues.length > 0 ? e.issues : undefined));
          if (p !== undefined) await p;
          break;
        }
        case 'rejected': {
          const p = state.rejectedNow(e.line, e.issues);
          if (p !== undefined) await p;
          break;
        }
        case 'end':
          read = e.summary;
          break;
      }
    }
  };
  for (const b of buffered) await apply(b);
  for (;;) {
    const n = await rest.next();
    if (n.done === true) break;
    await apply(n.value);
  }
  return { run: await state.finish(), read };
}

/**
 * Pass 2 over the spill file of pass 1 (memory stays flat): append to each settled case the settlement point value
 * of its pool, its payment standard `round(case_points × PV)` and its fund share `round(standard × r_h)` with the
 * hospital-pool ratio of the statement (DIP-RULES.md §8.1; `fundShareMethodClearing = 'subtractPatientPaid'` leaves
 * `fund_due` empty: the case's patient_paid is not in the file). These per-case amounts explain a statement; the
 * statement itself is computed from exact sums (§8.7), so Σ per-case amounts may differ from it by rounding.
 * `readChunkBytes` sets the read size of the spill (default 64 KiB; tests use tiny ones).
 *
 * Bytes in, bytes out: the spill is read into a byte buffer and `cases.csv` written from a byte buffer (synchronous
 * reads and writes of 64 KiB: pass 2 is the only work left of the run). The spill was written by `CsvWriter` from JS
 * strings, so it is valid UTF-8 (a lone surrogate became U+FFFD): decoding a line and encoding it again (what the text
 * pass did: StringDecoder, then `CsvWriter.writeLine`) gives its bytes back, and a line without a quote is a whole
 * record whose cells need no encoding. Such a line is copied as bytes with `,point_value,standard,fund_due` after it;
 * the cells it needs (hospital 2, pool 3, status 5, points 12) are found by a byte scan of the commas (as
 * `split(',')`); pool names and hospital ids are compared as UTF-8 bytes (equal bytes of valid UTF-8 = equal text;
 * an id that is not well-formed UTF-16 is left out, as no decoded cell equals it). On the fast path the money is the safe-integer path of `createCaseMoney` (`safePlainAt` of the points'
 * bytes = `safePlain` of their text, `roundSafe`, same bounds: every product at most 2^53 − 1) and the two amounts are
 * written as digits ({@link putFixed} = `fixedText(String(q), dp)`); when any step is off that path (points not a
 * plain decimal of at most 15 digits, a product past 2^53 − 1, a ratio not plain or longer than 15 digits) the line's
 * cells are taken as text and `createCaseMoney` decides, as before. A line with a quote (a record possibly over
 * several lines) is decoded and goes through the tokenizer and the encoder as before.
 * tests/cli/addCaseMoneyBytesH4.test.ts: the same bytes as the text pass of a242c96 on random spills.
 */
export async function addCaseMoney(spillPath: string, outPath: string, run: SettlementRun, policy: ResolvedPolicy, readChunkBytes?: number): Promise<void> {
  const money = policy.rounding.money;
  const dp = money.scale;
  const mode = money.mode;
  // Per pool: the point value's text (once), its case-money calculator (exact integers, src/settlement/caseMoney), the
  // hospital-pool fund-pay ratios by hospital (text, and its safe-integer form when plain of at most 15 digits), and
  // for the byte path its name's and `,text,` bytes and the point value's safe form. (A map per pool keyed by
  // hospital finds what one map keyed by `hospital|pool` found: a pool name holds no '|'.)
  interface PoolMoney {
    readonly name: Buffer;
    readonly text: string;
    /** `,${text},` as bytes. */
    readonly cells: Buffer;
    readonly money: ReturnType<typeof createCaseMoney>;
    readonly pvSafe: SafeDecimal | undefined;
    readonly ratios: Map<string, string>;
    /** The same ratios by the hospital id's UTF-8 bytes: {@link bytesHash} → entries (bytes compared on a hit). */
    readonly byBytes: Map<number, HospitalRatio[]>;
  }
  interface HospitalRatio {
    readonly id: Buffer;
    text: string;
    safe: SafeDecimal | undefined;
  }
  const pools = new Map<string, PoolMoney>();
  for (const p of run.summary.pools) {
    const v = dec(p.pointValue);
    if (!v.isZero()) {
      const text = formatFixed(v, Math.max(policy.rounding.pointValue.scale, v.decimalPlaces()));
      const pvSafe = fromPlain(p.pointValue) === undefined ? undefined : safePlain(p.pointValue);
      pools.set(p.pool, { name: Buffer.from(p.pool, 'utf8'), text, cells: Buffer.from(`,${text},`, 'utf8'), money: createCaseMoney(p.pointValue, money), pvSafe, ratios: new Map(), byBytes: new Map() });
    }
  }
  for (const h of run.hospitals) {
    for (const l of h.pools) {
      const pool = pools.get(l.pool);
      if (pool === undefined) continue;
      pool.ratios.set(h.hospitalId, l.fundPayRatio);
      // An id that is not well-formed UTF-16 (a lone surrogate: its bytes do not decode back to it) never equals a cell
      // decoded from the spill (decoding gives well-formed text), so it is left out of the byte map: its UTF-8 bytes
      // (U+FFFD's) would match.
      const id = Buffer.from(h.hospitalId, 'utf8');
      if (id.toString('utf8') !== h.hospitalId) continue;
      const safe = fromPlain(l.fundPayRatio) === undefined ? undefined : safePlain(l.fundPayRatio);
      const key = bytesHash(id, 0, id.length);
      let list = pool.byBytes.get(key);
      if (list === undefined) pool.byBytes.set(key, (list = []));
      const same = list.find((x) => x.id.equals(id));
      if (same === undefined) list.push({ id, text: l.fundPayRatio, safe });
      else {
        // a later row for the same hospital and pool replaces the ratio, as Map#set did
        same.text = l.fundPayRatio;
        same.safe = safe;
      }
    }
  }
  const poolList = [...pools.values()];
  const byRatio = policy.settlement.fundShareMethodClearing === 'ratio';

  const outFd = openOutput(outPath);
  let inFd: number | undefined;
  try {
    let out = Buffer.allocUnsafe(OUT_CHUNK + 1024);
    let o = 0;
    const flush = (): void => {
      writeFully(outFd, out, o, outPath);
      o = 0;
    };
    /** Room for `n` more bytes in `out`. */
    const room = (n: number): void => {
      if (o + n <= out.length) return;
      flush();
      if (n > out.length) out = Buffer.allocUnsafe(n);
    };
    /** Append a JS string as UTF-8 (room for 3 bytes a code unit: a lone surrogate is 3 bytes, U+FFFD). */
    const text = (s: string): void => {
      room(3 * s.length);
      o += out.write(s, o, 'utf8');
    };
    text(`${encodeCsvRow([...CASE_HEADER, ...CASE_MONEY_HEADER])}\n`);
    /**
     * The three money cells of a case row from its hospital (cell 2), pool (3), status (5) and points (12), `undefined`
     * for a missing cell (plain non-negative numbers or empty: the CSV encoder leaves them as they are).
     */
    const moneyCells = (hospital: string | undefined, poolName: string | undefined, status: string | undefined, points: string | undefined): string => {
      const pool = pools.get(poolName ?? '');
      if ((status === 'grouped' || status === 'ungrouped') && pool !== undefined) {
        const m = pool.money(points ?? '0', byRatio ? pool.ratios.get(hospital ?? '') : undefined);
        return `${pool.text},${m.standard},${m.fundDue}`;
      }
      return ',,';
    };
    // the quoted records: as the text pass did (decoded, tokenized, encoded)
    let quoted = '';
    let quotes = 0;
    const slow = (t: string): void => {
      const tok = new CsvTokenizer();
      const onRow = (r: CsvRow): void => text(`${encodeCsvRow(r.cells, { numericColumns: CASE_NUMERIC })},${moneyCells(r.cells[2], r.cells[3], r.cells[5], r.cells[12])}\n`);
      tok.push(t, onRow);
      tok.end(onRow);
    };
    const quotedLine = (line: string): void => {
      quoted += `${line}\n`;
      for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) quotes++;
      if (quotes % 2 === 0) {
        slow(quoted);
        quoted = '';
        quotes = 0;
      }
    };
    /** Cell starts and ends of the line being copied (2, 3, 5, 12; -1: the line has no such cell). */
    const cs = new Int32Array(13);
    const ce = new Int32Array(13);
    /**
     * The line `[a, e)` of `buf` without a quote, copied with its money cells. A loop that only reads records the cells
     * up to 12 at the line's commas (cell k is `[cs[k], ce[k])`, the last one found ends at `e`; it stops at the 13th
     * comma), then the whole line is copied by one native `Buffer#copy` (memcpy) — the same bytes as the former loop
     * that copied and scanned byte by byte, which cost more per byte than the copy (tests/cli/outputO9.equivalence).
     */
    const plainLine = (buf: Buffer, a: number, e: number): void => {
      room(e - a + 4);
      let k = 0;
      let s = a;
      for (let i = a; i < e; i++) {
        if (buf[i] === 44) {
          cs[k] = s;
          ce[k] = i;
          s = i + 1;
          if (++k === 13) break;
        }
      }
      if (k < 13) {
        cs[k] = s;
        ce[k] = e;
        k++;
        for (let j = k; j < 13; j++) cs[j] = ce[j] = -1;
      }
      o += buf.copy(out, o, a, e);
      const st = cs[5]!;
      const sl = ce[5]! - st;
      const grouped = (sl === 7 && buf[st] === 103 && buf[st + 1] === 114 && buf[st + 2] === 111 && buf[st + 3] === 117 && buf[st + 4] === 112 && buf[st + 5] === 101 && buf[st + 6] === 100) ||
        (sl === 9 && buf[st] === 117 && buf[st + 1] === 110 && buf[st + 2] === 103 && buf[st + 3] === 114 && buf[st + 4] === 111 && buf[st + 5] === 117 && buf[st + 6] === 112 && buf[st + 7] === 101 && buf[st + 8] === 100);
      let pool: PoolMoney | undefined;
      if (grouped) {
        const ps = cs[3]! < 0 ? 0 : cs[3]!;
        const pl = cs[3]! < 0 ? 0 : ce[3]! - ps;
        for (const p of poolList) {
          const name = p.name;
          if (name.length !== pl) continue;
          let i = 0;
          while (i < pl && name[i] === buf[ps + i]) i++;
          if (i === pl) {
            pool = p;
            break;
          }
        }
      }
      if (pool === undefined) {
        room(4);
        out[o++] = 44;
        out[o++] = 44;
        out[o++] = 44;
        out[o++] = 10;
        return;
      }
      // the hospital's ratio by the bytes of cell 2 (a missing cell is '', as the empty cell)
      let ratio: HospitalRatio | undefined;
      if (byRatio) {
        const hs = cs[2]! < 0 ? 0 : cs[2]!;
        const hl = cs[2]! < 0 ? 0 : ce[2]! - hs;
        const list = pool.byBytes.get(bytesHash(buf, hs, hs + hl));
        if (list !== undefined) {
          for (const x of list) {
            const id = x.id;
            if (id.length !== hl) continue;
            let i = 0;
            while (i < hl && id[i] === buf[hs + i]) i++;
            if (i === hl) {
              ratio = x;
              break;
            }
          }
        }
      }
      // safe-integer path (createCaseMoney's first path, the same numbers)
      const pv = pool.pvSafe;
      const hasRatio = ratio !== undefined;
      const r = ratio?.safe;
      const p = cs[12]! < 0 ? ZERO_POINTS : safePlainAt(buf, cs[12]!, ce[12]!);
      if (pv !== undefined && p !== undefined && (!hasRatio || r !== undefined)) {
        const product = p.m * pv.m;
        const q = product <= Number.MAX_SAFE_INTEGER ? roundSafe(product, p.s + pv.s, dp, mode) : undefined;
        if (q !== undefined) {
          const due = hasRatio ? q * r!.m : 0;
          const f = !hasRatio ? 0 : due <= Number.MAX_SAFE_INTEGER ? roundSafe(due, dp + r!.s, dp, mode) : undefined;
          if (f !== undefined) {
            room(pool.cells.length + 2 * (dp + FIXED_DIGITS) + 2);
            const cells = pool.cells;
            const ob = out;
            let w = o;
            for (let i = 0; i < cells.length; i++) ob[w++] = cells[i]!;
            w = putFixed(ob, w, q, dp);
            ob[w++] = 44;
            if (hasRatio) w = putFixed(ob, w, f, dp);
            ob[w++] = 10;
            o = w;
            return;
          }
        }
      }
      const m = pool.money(cs[12]! < 0 ? '0' : buf.toString('utf8', cs[12], ce[12]), ratio?.text);
      text(`,${pool.text},${m.standard},${m.fundDue}\n`);
    };
    let header = true;
    /** One line `[a, e)` of `buf` (without its '\n'); `q`: whether it holds a quote. */
    const line = (buf: Buffer, a: number, e: number, q: boolean): void => {
      if (header) {
        header = false;
        return;
      }
      if (quoted === '' && !q) plainLine(buf, a, e);
      else quotedLine(buf.toString('utf8', a, e));
    };
    inFd = openSync(spillPath, 'r');
    const chunk = readChunkBytes ?? 1 << 16;
    let buf = Buffer.allocUnsafe(2 * chunk);
    let len = 0;
    for (;;) {
      if (buf.length - len < chunk) {
        const bigger = Buffer.allocUnsafe(Math.max(2 * buf.length, len + chunk));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const n = readSync(inFd, buf, len, chunk, null);
      if (n === 0) break;
      const old = len;
      len += n;
      // lines ending in the bytes just read; a quote's position found once per chunk and then after each quote
      let from = 0;
      let quote = buf.indexOf(34, 0);
      if (quote >= len) quote = -1;
      for (let nl = buf.indexOf(10, old); nl !== -1 && nl < len; nl = buf.indexOf(10, from)) {
        while (quote !== -1 && quote < from) {
          quote = buf.indexOf(34, from);
          if (quote >= len) quote = -1;
        }
        line(buf, from, nl, quote !== -1 && quote < nl);
        from = nl + 1;
      }
      if (from > 0) {
        buf.copy(buf, 0, from, len);
        len -= from;
      }
    }
    if (len > 0) {
      const quote = buf.indexOf(34, 0);
      line(buf, 0, len, quote !== -1 && quote < len);
    }
    if (quoted !== '') slow(quoted); // unbalanced quotes cannot come from CsvWriter; the tokenizer reports them
    flush();
  } finally {
    if (inFd !== undefined) closeSync(inFd);
    closeSync(outFd);
  }
  await rm(spillPath, { force: true });
}

/** `openSync(path, 'w')`, an {@link OutputWriteError} naming `path` when the file cannot be opened for writing. */
function openOutput(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new OutputWriteError(path, e);
  }
}

/** A hash of `bytes[start, end)` (31·h + b, 32 bits): the key of pass 2's hospital byte maps. */
function bytesHash(bytes: Uint8Array, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + bytes[i]!) | 0;
  return h;
}

/** Output chunk of pass 2 (written when full). */
const OUT_CHUNK = 1 << 16;
/** Bytes of {@link putFixed} beyond the scale: at most 16 digits of a number below 2^53, a dot and a leading zero. */
const FIXED_DIGITS = 18;
/** The points of a case row without a points cell: `'0'` as a safe decimal. */
const ZERO_POINTS: SafeDecimal = { m: 0, s: 0 };


/**
 * Apply the rows of the parallel reader in file order: the duplicate check and read counts (`RecordsReadState`, as
 * `readRecords` does), then the run state (`createRunState`, as `settleRegionYear` does) — so the outputs are those
 * of the one-thread run.
 */
async function settleScoredInOrder(
  header: Extract<ParallelRecordsEvent, { type: 'header' }>,
  events: AsyncIterable<ParallelRecordsEvent>,
  input: Omit<RegionYearInput, 'records'>,
  sinks: RunSinks,
  caseKeys: CaseKeyRegistry | undefined,
  spill: CaseSpillWriter,
): Promise<{ run: SettlementRun; read: ReadSummary }> {
  const readState = new RecordsReadState(caseKeys === undefined ? {} : { keys: caseKeys });
  const state = createRunState(input, sinks);
  await state.start();
  readState.header(header.line, header.header, header.issues);
  if (header.issues.length > 0) await state.fileIssues(header.issues);
  const apply = new WorkerRowsApplier(readState, state, spill);
  let lines = 0;
  for await (const ev of events) {
    if (ev.type === 'rows') await apply.range(ev.rows);
    else if (ev.type === 'end') lines = ev.lines;
  }
  return { run: await state.finish(), read: readState.summary(lines, header.encoding) };
}

/**
 * Applies a range's rows from the workers in file order (`dip settle --workers`): for each row the duplicate check
 * (`readState`) and then the run state (`state`), as the one-thread run does per record. A {@link WorkerRow} goes to
 * `acceptedNow` / `rejectedNow`; a plain row (`plainRows.ts`) to `acceptedPlainNow`, its spill bytes copied to `spill`
 * where `onCase` would have written its result (`CaseSpillWriter.writeBytes`; adjacent rows in one block), or to
 * `rejectedNow` when it is a duplicate. Proof: tests/cli/settleWorkersP10.test.ts (against the frozen loop of 7b27ed9).
 */
export class WorkerRowsApplier {
  /** The plain case at hand (reused: a call's promise is awaited before the next). */
  private readonly pc: PlainCase = {
    line: 0, hospitalId: '', status: 'grouped', pool: 'employee', month: '', packetKind: undefined, outlier: undefined, reason: undefined,
    hasPoints: false, pointsUnits: 0, costUnits: 0, bookedUnits: 0, patientPaidUnits: 0,
  };
  /** The spill bytes of the plain case at hand: `[spillFrom, spillTo)` of `spillBytes`. */
  private spillBytes = Buffer.alloc(0);
  private spillFrom = 0;
  private spillTo = 0;
  /**
   * Spill bytes of plain cases written by the run state and not yet copied: `[pendFrom, pendTo)` of `spillBytes`. The
   * rows of consecutive written plain cases are adjacent in `spillBytes`, so they are copied in one block
   * ({@link flushPending}) when a row that is not adjacent comes (a duplicate was skipped), before a `WorkerRow` is
   * applied (its `onCase` writes to the same spill) and at the end of the range: the spill gets the same bytes in the
   * same order as with a copy per row.
   */
  private pendFrom = 0;
  private pendTo = 0;
  /** `out` of `acceptedPlainNow`: the case's spill row, appended to the pending block. */
  private readonly writePlain = (): void => {
    if (this.spillFrom !== this.pendTo) {
      this.flushPending();
      this.pendFrom = this.spillFrom;
    }
    this.pendTo = this.spillTo;
  };

  /** Copy the pending block of plain spill rows to the spill. */
  private flushPending(): void {
    if (this.pendTo > this.pendFrom) this.spill.writeBytes(this.spillBytes, this.pendFrom, this.pendTo);
    this.pendFrom = this.pendTo;
  }

  constructor(
    private readonly readState: RecordsReadState,
    private readonly state: RunState,
    private readonly spill: CaseSpillWriter,
  ) {}

  /** One row as a `WorkerRow`: the duplicate check, then the run state. */
  private row(row: WorkerRow): Promise<void> | undefined {
    // The worker scored the row when it validated; the record itself stays in the worker (the state only needs
    // to know that there is one).
    const e = this.readState.row({ line: row.line, record: row.valid ? VALIDATED : undefined, issues: row.issues, hospitalId: row.hospitalId, caseId: row.caseId });
    if (e.type === 'record') {
      if (row.scored === undefined) throw new Error(`dip settle: worker sent no scored case for the valid row at line ${row.line}`);
      return this.state.acceptedNow(row.scored);
    }
    if (e.type === 'rejected') return this.state.rejectedNow(e.line, e.issues);
    return undefined;
  }

  /** The rows of one range (`decodeRows`), in file order. */
  async range(rows: readonly WorkerRow[]): Promise<void> {
    const plain = plainRowsOf(rows);
    if (plain === undefined) {
      for (const row of rows) {
        const p = this.row(row);
        if (p !== undefined) await p;
      }
      return;
    }
    // each record says whether the next row is plain or the next of `rows`
    const { num, strs, caseIds, ends } = plain;
    const readState = this.readState;
    const state = this.state;
    const pc = this.pc;
    this.spillBytes = Buffer.from(plain.spill);
    this.pendFrom = this.pendTo = 0;
    let other = 0;
    let k = 0;
    for (let r = 0; r < plain.count; r++) {
      const o = r * PLAIN_STRIDE;
      if (num[o + F_PLAIN] === 0) {
        this.flushPending();
        const p = this.row(rows[other++]!);
        if (p !== undefined) await p;
        continue;
      }
      const line = num[o + F_LINE]!;
      const hospitalId = strs[num[o + F_HOSPITAL]!]!;
      const from = k === 0 ? 0 : ends[k - 1]!;
      const to = ends[k]!;
      const e = readState.row({ line, record: VALIDATED, issues: NO_ISSUES, hospitalId, caseId: caseIds[k++]! });
      let p: Promise<void> | undefined;
      if (e.type === 'record') {
        pc.line = line;
        pc.hospitalId = hospitalId;
        pc.status = strs[num[o + F_STATUS]!] as CaseStatus;
        pc.pool = strs[num[o + F_POOL]!] as RunPool;
        pc.month = strs[num[o + F_MONTH]!]!;
        pc.packetKind = strs[num[o + F_KIND]!];
        pc.outlier = strs[num[o + F_OUTLIER]!];
        pc.reason = strs[num[o + F_REASON]!];
        pc.hasPoints = num[o + F_HAS_POINTS] === 1;
        pc.pointsUnits = num[o + F_POINTS_UNITS]!;
        pc.costUnits = num[o + F_COST_UNITS]!;
        pc.bookedUnits = num[o + F_BOOKED_UNITS]!;
        pc.patientPaidUnits = num[o + F_PATIENT_PAID_UNITS]!;
        this.spillFrom = from;
        this.spillTo = to;
        p = state.acceptedPlainNow(pc, this.writePlain);
      } else if (e.type === 'rejected') p = state.rejectedNow(e.line, e.issues);
      if (p !== undefined) await p;
    }
    this.flushPending();
    if (other !== rows.length) throw new Error(`dip settle: a range's plain rows and other rows do not match (${other} of ${rows.length})`);
  }
}

/** The issues of a plain row (none), shared: the read state only reads them. */
const NO_ISSUES: Issue[] = [];

/** Stands for a validated record that stayed in its worker (see {@link settleScoredInOrder}). */
const VALIDATED = Object.freeze({}) as DischargeRecord;

class InputError extends Error {
  override readonly name = 'InputError';
}

/** `dip settle`. */
export const run: CliCommand = async (argv, io) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const outputs: string[] = [];
  try {
    return await settle(argv, io, outputs);
  } catch (e) {
    // No half-written output that looks complete: a run that fails once it has begun its outputs (a write that fails
    // — disk full —, a fatal read error mid-file, …) removes them all, and any of an earlier run in the same folder.
    await Promise.all(outputs.map((f) => rm(f, { force: true }).catch(() => undefined)));
    if (e instanceof OutputWriteError) {
      io.stderr(`dip settle: ${e.message}\ndip settle: no outputs written${outputs.length > 0 ? ` (removed from ${dirname(outputs[0]!)})` : ''}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.stderr(`dip settle: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (e instanceof InputError || e instanceof RecordsReadError || e instanceof CatalogLoadError) {
      io.stderr(`dip settle: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // a worker that hit its heap limit (--worker-heap-mb): the message names the limits and says what to give
    if (e instanceof WorkerOutOfMemoryError) {
      io.stderr(`dip settle: ${e.message}\ndip settle: no outputs written\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
};

/**
 * The command without its error mapping. `outputs` receives the output files (and the spill) once the run is about to
 * write them, so that {@link run} can remove them when the run fails.
 */
async function settle(argv: readonly string[], io: CliIo, outputs: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ['policy', 'preset', 'catalog', 'stats', 'records', 'hospitals', 'scores', 'prepayments', 'audit', 'special-cases', 'funds', 'procedure-classes', 'out', 'date', 'year', 'workers', 'chunk-kib', 'worker-heap-mb', 'dedup', 'memory'],
    required: ['catalog', 'records', 'hospitals'],
  });
  const v = args.values;
  const recordsArg = v['records']!;
  const catalogArg = v['catalog']!;
  const hospitalsArg = v['hospitals']!;
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
  if ((v['policy'] === undefined) === (v['preset'] === undefined)) throw new UsageError('give exactly one of --policy and --preset');
  if (v['date'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v['date'])) throw new UsageError(`--date ${v['date']} is not YYYY-MM-DD`);
  if (v['year'] !== undefined && !/^\d{4}$/.test(v['year'])) throw new UsageError(`--year ${v['year']} is not YYYY`);
  const funds = parseFunds(v['funds']);
  const path = (p: string): string => resolve(io.cwd, p);
  const outDir = path(v['out'] ?? 'out/settle');
  const tagged: TaggedIssue[] = [];
  const tag = (source: string, issues: readonly Issue[]): void => {
    for (const issue of issues) tagged.push({ source, issue });
  };

  // policy
  let policyDoc: RegionPolicy;
  if (v['preset'] !== undefined) {
    if (!isPresetName(v['preset'])) throw new UsageError(`unknown preset ${v['preset']}; known: ${PRESET_NAMES.join(', ')}`);
    policyDoc = getPreset(v['preset']);
  } else {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path(v['policy']!), 'utf8'));
    } catch (e) {
      throw new InputError(`cannot read the policy ${v['policy']}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const r = validatePolicy(json);
    if (!r.ok) {
      throw new InputError(`the policy ${v['policy']} is invalid:\n${r.issues.map((i) => `  ${i.code}${i.path === undefined ? '' : ` at ${i.path.join('.')}`}: ${i.message}`).join('\n')}`);
    }
    policyDoc = r.value;
  }

  // records (opened first so that the year can come from the data)
  const workersArg = v['workers'];
  if (workersArg !== undefined && !/^[1-9]\d{0,2}$/.test(workersArg)) throw new UsageError(`--workers ${workersArg} is not a number of threads (1–999)`);
  const workerCount = workersArg === undefined ? 0 : Number(workersArg);
  const chunkArg = v['chunk-kib'];
  const heapArg = v['worker-heap-mb'];
  if (heapArg !== undefined && (!/^[1-9]\d{1,5}$/.test(heapArg) || workerCount === 0)) throw new UsageError(`--worker-heap-mb ${heapArg}: give a heap limit in MiB (10–999999), with --workers`);
  if (chunkArg !== undefined && (!/^[1-9]\d{0,6}$/.test(chunkArg) || workerCount === 0)) throw new UsageError(`--chunk-kib ${chunkArg}: give a whole number of KiB (1–9999999), with --workers`);
  const dedupMode = parseDedup(v['dedup']);
  // With workers, `auto` is `low` whatever the file's size: each of the N + 1 heaps (main and workers) would otherwise
  // grow to up to ~4x its live data (a worker's is ~60 MiB of bounded grouper and scorer caches once warm), which
  // is where --workers' memory went (city-year, 2 workers: peak RSS 845 MB default, 568 MB low, bench/w9-rss-ab.ts).
  const memoryMode = parseMemory(v['memory']);
  const memory = memoryMode === 'auto' && workerCount > 0 ? 'low' : resolveMemory(memoryMode, path(recordsArg));
  // with workers at the workers' growing percent (src/cli/memory.ts: 50, W10: the 20M year with 2 workers 496,468 kB)
  const growingPercent = applyMemory(memory, undefined, workerCount);
  if (growingPercent !== undefined) io.stderr(`dip settle: memory low: the heap is collected once it has grown by ${growingPercent} % of its live data\n`);
  // A file that cannot be read as records gives no keys: the reader below then reports its error as usual.
  const caseKeys = await precomputeCaseKeys(path(recordsArg), dedupMode, { tmpDir: outDir });
  let readSummary: ReadSummary | undefined;
  let year = v['year'] !== undefined ? Number(v['year']) : v['date'] !== undefined ? Number(v['date'].slice(0, 4)) : undefined;
  let buffered: RecordEvent[][] = [];
  let batches: AsyncIterator<RecordEvent[]> | undefined;
  let parallel: { events: AsyncGenerator<ParallelRecordsEvent, void, undefined>; header: Extract<ParallelRecordsEvent, { type: 'header' }> } | undefined;
  // Filled once the policy is resolved: what the parallel workers need (they start on the first rows request).
  let workerInit: ((year: number, header: RecordHeader, encoding: 'utf8' | 'gb18030') => SettleWorkerInit) | undefined;
  if (workerCount === 0) {
    batches = readRecordBatches(path(recordsArg), caseKeys === undefined ? {} : { caseKeys })[Symbol.asyncIterator]();
    if (year === undefined) {
      const p = await peekYear(batches);
      buffered = p.buffered;
      year = p.year;
      if (year === undefined) throw new InputError(`${v['records']} has no accepted record to take the settlement year from; give --year`);
    }
  } else {
    const events = scoreRecordsParallel({
      path: path(recordsArg),
      workers: workerCount,
      ...(heapArg === undefined ? {} : { workerHeapMb: Number(heapArg) }),
      ...(chunkArg === undefined ? {} : { chunkBytes: Number(chunkArg) * 1024, firstChunkBytes: Math.min(Number(chunkArg) * 1024, 1 << 16) }),
      ...(year === undefined ? {} : { year }),
      init: (y, header, encoding) => {
        if (workerInit === undefined) throw new Error('dip settle: workers requested before the policy was resolved');
        return workerInit(y, header, encoding);
      },
    });
    let first;
    try {
      first = await events.next();
    } catch (e) {
      if (e instanceof NoSettlementYearError) throw new InputError(`${v['records']} has no accepted record to take the settlement year from; give --year`);
      throw e;
    }
    if (first.done === true || first.value.type !== 'header') throw new Error('dip settle: the parallel reader yielded no header');
    parallel = { events, header: first.value };
    year = first.value.year;
  }
  const date = v['date'] ?? `${year}-12-31`;
  const resolved = resolvePolicy(policyDoc, date);
  if (!resolved.ok) throw new InputError(`the policy cannot be resolved at ${date}:\n${resolved.issues.map((i) => `  ${i.code}: ${i.message}`).join('\n')}`);
  const policy: ResolvedPolicy = resolved.value;

  // catalog and procedure classes
  const cat = await loadCatalog(path(catalogArg), { ...(v['stats'] === undefined ? {} : { statsPath: path(v['stats']) }), ...(policy.grouping.catalogNotation === undefined ? {} : { notation: policy.grouping.catalogNotation as never }) });
  tag('catalog', cat.issues);
  const pcPath = v['procedure-classes'] === undefined ? defaultProcedureClasses(io) : path(v['procedure-classes']);
  if (pcPath === undefined) throw new InputError('no procedure class table found; give --procedure-classes');
  const classes = await loadProcedureClasses(pcPath);
  // Bad rows of the reference class table are skipped and reported as warnings: they change no amount unless a case
  // uses such a code, and then the grouper reports that case's unknown procedure itself (DIP-RULES.md §4.6).
  tag('procedure-classes', classes.issues.map((i) => (i.severity === 'error' ? { ...i, severity: 'warning' as const, message: `${i.message} (row skipped)` } : i)));
  const classTable = classes.table;
  const grouper = createGrouper(cat.catalog, { options: policy.grouping, auxiliary: policy.auxiliary, procedureClasses: { get: (code) => classTable.classOf(code) }, trace: 'summary' });
  tag('grouper', grouper.info.warnings);

  // tables
  const hospitals = await loadHospitals(path(hospitalsArg));
  tag('hospitals', hospitals.issues);
  const scores = v['scores'] === undefined ? undefined : await loadScores(path(v['scores']));
  if (scores !== undefined) tag('scores', scores.issues);
  const prepayments = v['prepayments'] === undefined ? undefined : await loadPrepayments(path(v['prepayments']));
  if (prepayments !== undefined) tag('prepayments', prepayments.issues);
  const audit = v['audit'] === undefined ? undefined : await loadAuditDeductions(path(v['audit']));
  if (audit !== undefined) tag('audit', audit.issues);
  const specialCases = v['special-cases'] === undefined ? undefined : await loadSpecialCases(path(v['special-cases']));
  if (specialCases !== undefined) tag('special-cases', specialCases.issues);

  // outputs
  await mkdir(outDir, { recursive: true }).catch((e: unknown) => {
    throw new OutputWriteError(outDir, e);
  });
  // Pass 1 writes the per-case points to a spill file; pass 2 (after the point values are known) adds the money.
  const spillPath = resolve(outDir, '.cases.pass1.csv');
  outputs.push(spillPath, ...OUTPUT_FILES.map((f) => resolve(outDir, f)));
  const spillFd = openOutput(spillPath);
  const casesOut = new CaseSpillWriter(spillFd, spillPath);
  const issuesOut = CsvWriter.toFile(resolve(outDir, 'issues.csv'), ISSUE_HEADER, { numericColumns: new Set([3]) });
  const pre = tagged.map((t) => t.issue);
  let preIndex = 0;
  const started = Date.now();
  let result: SettlementRun;
  try {
    const runInput = {
      policy,
      grouper,
      year,
      hospitals: hospitals.rows,
      ...(scores === undefined ? {} : { scores: scores.rows }),
      ...(prepayments === undefined ? {} : { prepayments: prepayments.rows }),
      ...(audit === undefined ? {} : { auditDeductions: audit.rows }),
      ...(specialCases === undefined ? {} : { specialCases: specialCases.rows }),
      funds,
      inputIssues: pre,
    };
    const sinks: RunSinks = {
      onCase: (c) => casesOut.write(c),
      onIssue: (i) => {
        // the input issues come first, in order, with their source; then the records' (with a line) and the run's
        const source = preIndex < pre.length && pre[preIndex] === i ? tagged[preIndex++]!.source : i.line === undefined ? 'settlement' : 'records';
        return issuesOut.writeRow(issueRow({ source, issue: i }));
      },
      ...(io.stderrIsTTY ? { onProgress: (n: number) => io.stderr(`\rdip settle: ${n.toLocaleString('en-US')} records`) } : {}),
      progressEvery: 50_000,
    };
    if (parallel === undefined) {
      const done = await settleBatches(buffered, batches!, runInput, sinks);
      result = done.run;
      readSummary = done.read;
    } else {
      const statsPath = v['stats'] === undefined ? undefined : path(v['stats']);
      const notation = policy.grouping.catalogNotation;
      workerInit = (y, header, encoding) => ({
        policy,
        catalogPath: path(catalogArg),
        ...(statsPath === undefined ? {} : { statsPath }),
        ...(notation === undefined ? {} : { notation }),
        procedureClassesPath: pcPath,
        hospitals: hospitals.rows,
        year: y,
        header,
        encoding,
        // plain rows as numbers and spill bytes (src/io/parallel/plainRows.ts), unless a case may be held aside (special cases)
        plainRows: specialCases === undefined,
      });
      const done = await settleScoredInOrder(parallel.header, parallel.events, runInput, sinks, caseKeys, casesOut);
      result = done.run;
      readSummary = done.read;
    }
  } finally {
    // the spill is flushed and closed and issues.csv closed even when the run failed (then the run's error is thrown)
    try {
      casesOut.flush();
    } finally {
      try {
        closeSync(spillFd);
      } finally {
        await issuesOut.close();
      }
    }
  }
  if (io.stderrIsTTY) io.stderr('\n');
  if (caseKeys !== undefined) {
    caseKeys.assertComplete();
    io.stderr(dedupReport('dip settle', caseKeys));
  }
  await addCaseMoney(spillPath, resolve(outDir, 'cases.csv'), result, policy);
  const special = specialCases !== undefined;
  const hospitalsOut = CsvWriter.toFile(resolve(outDir, 'hospitals.csv'), special ? [...HOSPITAL_HEADER, ...HOSPITAL_SPECIAL_HEADER] : HOSPITAL_HEADER, {
    numericColumns: special ? new Set([...HOSPITAL_NUMERIC, HOSPITAL_HEADER.length, HOSPITAL_HEADER.length + 1]) : HOSPITAL_NUMERIC,
  });
  for (const h of result.hospitals) {
    const p = hospitalsOut.writeRow(hospitalRow(h, special));
    if (p !== undefined) await p;
  }
  await hospitalsOut.close();
  const s = result.summary;
  const summaryJson = {
    ...s,
    date,
    inputs: {
      policy: v['policy'] ?? `preset:${v['preset']}`,
      catalog: v['catalog'],
      records: v['records'],
      hospitals: v['hospitals'],
      ...(v['scores'] === undefined ? {} : { scores: v['scores'] }),
      ...(v['prepayments'] === undefined ? {} : { prepayments: v['prepayments'] }),
      ...(v['audit'] === undefined ? {} : { audit: v['audit'] }),
      ...(v['special-cases'] === undefined ? {} : { specialCases: v['special-cases'] }),
    },
    catalog: { id: cat.catalog.id, contentHash: cat.catalog.contentHash, packets: cat.catalog.packets.length },
    read: readSummary === undefined ? undefined : { encoding: readSummary.encoding, duplicates: readSummary.duplicates, read: readSummary.read, accepted: readSummary.accepted, rejected: readSummary.rejected },
    tables: {
      hospitals: { read: hospitals.read, rejected: hospitals.rejected },
      ...(scores === undefined ? {} : { scores: { read: scores.read, rejected: scores.rejected } }),
      ...(prepayments === undefined ? {} : { prepayments: { read: prepayments.read, rejected: prepayments.rejected } }),
      ...(audit === undefined ? {} : { audit: { read: audit.read, rejected: audit.rejected } }),
      ...(specialCases === undefined ? {} : { specialCases: { read: specialCases.read, rejected: specialCases.rejected } }),
    },
    outputs: OUTPUT_FILES_LISTED,
    wallTimeMs: Date.now() - started,
  };
  const summaryPath = resolve(outDir, 'summary.json');
  await writeFile(summaryPath, `${JSON.stringify(summaryJson, null, 2)}\n`, 'utf8').catch((e: unknown) => {
    throw new OutputWriteError(summaryPath, e);
  });

  const pv = s.pools.map((p) => `${p.pool} ${p.pointValue} (${p.pointValueSource})`).join('; ');
  io.stdout(
    `settled ${s.counts.settled} of ${s.counts.read} records (${s.counts.accepted} accepted, ${s.counts.rejected} rejected; ${s.counts.grouped} grouped, ${s.counts.ungrouped} ungrouped)\n` +
      `point value: ${pv}\n` +
      (s.specialCases === undefined ? '' : `special cases: ${s.specialCases.approved} approved of ${s.specialCases.approvals} (quota ${s.specialCases.quota}), ${s.specialCases.amount} paid by item\n`) +
      `Σ net payment ${s.totals.netPayment}; fund residual ${s.totals.residual ?? 'n/a'}\n` +
      `${s.issueCounts.errors} errors, ${s.issueCounts.warnings} warnings; outputs in ${outDir}\n`,
  );
  const dataUngrouped = s.counts.ungroupedByReason['INVALID_PRINCIPAL_DX'] ?? 0;
  return s.issueCounts.errors > 0 || dataUngrouped > 0 ? EXIT_INPUT_ISSUES : EXIT_OK;
}
