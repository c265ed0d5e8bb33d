/**
 * The compact wire form of a range's *plain* rows (`dip settle --workers`): what the main thread needs of a scored
 * case that has nothing unusual about it, as numbers, a few strings and bytes, instead of the objects of
 * {@link WorkerRow} (`rowCodec.ts`), whose strings were built in the worker, cloned, rebuilt as objects on the main
 * thread and turned back into bytes by its spill writer.
 *
 * A row is plain when it is valid and scored, has no issue of its own (`parsed.issues`, `scored.issues`,
 * `scored.onceIssues` all empty), its parsed hospital id, case id and line are the scored result's, and — when it has
 * points — all four of its exact sums are integer units (`pointsUnits`, `costUnits`, `bookedUnits`,
 * `patientPaidUnits` not `NaN`). For each, the worker sends:
 * - its spill row: the bytes `CaseSpillWriter.write(result)` appends for it (the worker writes them with the same
 *   class, `caseSpill.ts`), all rows of the range in one byte buffer, transferred (not cloned);
 * - one {@link PLAIN_STRIDE}-number record in a `Float64Array` (transferred): the line, the hospital id, status, pool,
 *   month, packet kind, outlier class and ungrouped reason as indexes into the range's dictionary of distinct strings
 *   (−1 for `undefined`), `hasPoints`, the four units (safe integers: exact in a double) and the end of its spill
 *   bytes;
 * - its case id (a string: the duplicate check keys on it).
 * The other rows (rejected, with issues, with a text sum) keep the {@link WorkerRow} form, and each record of the
 * `Float64Array` says whether the next row in file order is plain or the next {@link WorkerRow}.
 *
 * The main thread applies a plain row as it applied the {@link WorkerRow} of the same row: the duplicate check on the
 * same ids, then `RunState.acceptedPlainNow` (the steps of `acceptedNow` for a case without issues) with the spill
 * bytes copied (`CaseSpillWriter.writeBytes`) where `onCase` wrote the result. Equal outputs:
 * tests/cli/settleWorkersP10.test.ts (one thread = workers, random files).
 *
 * @module
 */
import type { ScoredCase } from '../../run/caseScorer.js';
import type { CaseResult } from '../../run/types.js';
import { CaseSpillWriter } from './caseSpill.js';

/** Numbers per row record. */
export const PLAIN_STRIDE = 14;
/** Fields of a row record (offsets in its stride). `F_PLAIN`: 1 a plain row, 0 the next `WorkerRow` of the range (the other fields unused); hospital … reason: dictionary indexes (−1: `undefined`); `F_HAS_POINTS`: 1 or 0. */
export const F_PLAIN = 0;
export const F_LINE = 1;
export const F_HOSPITAL = 2;
export const F_STATUS = 3;
export const F_POOL = 4;
export const F_MONTH = 5;
export const F_KIND = 6;
export const F_OUTLIER = 7;
export const F_REASON = 8;
export const F_HAS_POINTS = 9;
export const F_POINTS_UNITS = 10;
export const F_COST_UNITS = 11;
export const F_BOOKED_UNITS = 12;
export const F_PATIENT_PAID_UNITS = 13;

/** Rows the arrays of a builder's first range have room for. */
const MIN_ROWS = 64;

/** A range's plain rows as they cross `postMessage` (the buffers transferred). */
export interface PlainPayload {
  /** `count` row records of {@link PLAIN_STRIDE} numbers (the buffer may be longer). */
  readonly num: Float64Array;
  readonly count: number;
  /** The range's distinct strings, indexed by the records. */
  readonly strs: string[];
  /** The case id of each plain row, in order. */
  readonly caseIds: string[];
  /** The spill rows of the plain rows, in order; `ends[i]` ends row i, which starts where row i − 1 ended (or at 0). */
  readonly spill: ArrayBuffer;
  readonly ends: Float64Array;
}

/** A scored row the plain form carries: see the module doc. */
export function isPlainScored(line: number, hospitalId: string, caseId: string, issues: number, s: ScoredCase): boolean {
  const c = s.result;
  if (issues !== 0 || s.issues !== undefined || s.onceIssues !== undefined || c.line !== line || c.hospitalId !== hospitalId || c.caseId !== caseId) return false;
  return !s.hasPoints || (s.pointsUnits === s.pointsUnits && s.costUnits === s.costUnits && s.bookedUnits === s.bookedUnits && s.patientPaidUnits === s.patientPaidUnits);
}

/**
 * A worker's builder of {@link PlainPayload}s, one per range: {@link plain} and {@link other} in file order, then
 * {@link take}. The spill writer lives as long as the builder (its header line is dropped once, at the start).
 */
export class PlainRowsBuilder {
  private num = new Float64Array(PLAIN_STRIDE * MIN_ROWS);
  private count = 0;
  private ends = new Float64Array(MIN_ROWS);
  private plainCount = 0;
  private strs: string[] = [];
  private index = new Map<string, number>();
  private caseIds: string[] = [];
  private parts: Buffer[] = [];
  private readonly writer: CaseSpillWriter;
  /** `writer.bytesWritten` at the start of the range. */
  private base: number;

  constructor() {
    this.writer = new CaseSpillWriter(-1, 'a settle worker spill', ((_fd: number, buf: Uint8Array, off: number, len: number) => {
      this.parts.push(Buffer.from(buf.subarray(off, off + len)));
      return len;
    }) as never);
    this.writer.flush();
    this.parts = [];
    this.base = this.writer.bytesWritten; // the header line, which the main thread's spill has already
  }

  private record(): number {
    if ((this.count + 1) * PLAIN_STRIDE > this.num.length) {
      const bigger = new Float64Array(this.num.length * 2);
      bigger.set(this.num);
      this.num = bigger;
    }
    return this.count++ * PLAIN_STRIDE;
  }

  private id(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strs.length;
      this.strs.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  /** The next row in file order is not plain (it goes as a `WorkerRow`). */
  other(): void {
    const o = this.record();
    this.num[o + F_PLAIN] = 0;
  }

  /** The next row in file order is plain ({@link isPlainScored}): its record, case id and spill bytes. */
  plain(s: ScoredCase): void {
    const c: CaseResult = s.result;
    const o = this.record();
    const n = this.num;
    n[o + F_PLAIN] = 1;
    n[o + F_LINE] = c.line;
    n[o + F_HOSPITAL] = this.id(c.hospitalId);
    n[o + F_STATUS] = this.id(c.status);
    n[o + F_POOL] = this.id(c.pool);
    n[o + F_MONTH] = this.id(c.month);
    n[o + F_KIND] = this.id(c.packetKind);
    n[o + F_OUTLIER] = this.id(c.outlier);
    n[o + F_REASON] = this.id(c.reason);
    n[o + F_HAS_POINTS] = s.hasPoints ? 1 : 0;
    n[o + F_POINTS_UNITS] = s.pointsUnits;
    n[o + F_COST_UNITS] = s.costUnits;
    n[o + F_BOOKED_UNITS] = s.bookedUnits;
    n[o + F_PATIENT_PAID_UNITS] = s.patientPaidUnits;
    this.caseIds.push(c.caseId);
    this.writer.write(c);
    if (this.plainCount === this.ends.length) {
      const bigger = new Float64Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.ends[this.plainCount++] = this.writer.bytesWritten - this.base;
  }

  /** The range's payload (its two large buffers to transfer: `num.buffer`, `ends.buffer`, `spill`); starts the next range. */
  take(): PlainPayload {
    this.writer.flush();
    const size = this.writer.bytesWritten - this.base;
    const spill = new ArrayBuffer(size);
    const bytes = new Uint8Array(spill);
    let at = 0;
    for (const p of this.parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const out: PlainPayload = { num: this.num, count: this.count, strs: this.strs, caseIds: this.caseIds, spill, ends: this.ends };
    // the next range's arrays sized for as many rows as this one had (they grow by doubling when it has more)
    this.num = new Float64Array(PLAIN_STRIDE * Math.max(MIN_ROWS, this.count));
    this.count = 0;
    this.ends = new Float64Array(Math.max(MIN_ROWS, this.plainCount));
    this.plainCount = 0;
    this.strs = [];
    this.index = new Map();
    this.caseIds = [];
    this.parts = [];
    this.base = this.writer.bytesWritten;
    return out;
  }
}
