/**
 * A compact wire form for the rows a settlement worker posts to the main thread (`WorkerRow`, `ScoredCase`,
 * `CaseResult`): one flat array of primitives per range instead of an array of nested objects. Measured with
 * `bench/worker-payload.ts` (25,000 scored rows, one process): structured clone of the objects costs ~7 µs per row to
 * serialize and ~20 µs to deserialize (≈ 530 bytes and ~30 property names per row, which the receiver must
 * internalise); the flat array costs ~0.7 µs to build, ~1.5 µs to serialize and ~3 µs to deserialize (174 bytes per
 * row), and rebuilding the objects from it on the main thread is a few object literals.
 *
 * Exact by construction: values are copied as they are (strings, numbers incl. `NaN`, booleans, `undefined`, issue
 * lists); an optional `CaseResult` property is set on the rebuilt object only when it was defined, as the scorer
 * does. The field lists are checked against the types at compile time (a property added to `CaseResult` or
 * `ScoredCase` without a place here is a type error), and a round-trip test covers real scored rows and every field.
 *
 * @module
 */
import type { Issue } from '../../core/issue.js';
import type { Points, Ratio, Yuan } from '../../decimal/brands.js';
import type { ScoredCase } from '../../run/caseScorer.js';
import type { CaseResult, CaseStatus, RunPool } from '../../run/types.js';
import type { PlainPayload } from './plainRows.js';
import type { WorkerRow } from './protocol.js';

/** The properties the codec carries; the guards below fail to compile when a type gains one. */
const RESULT_KEYS = [
  'line', 'caseId', 'hospitalId', 'pool', 'month', 'status', 'packetCode', 'packetKind', 'outlier', 'coefficient', 'auxCoef', 'ratio', 'casePoints', 'totalCost',
  'reason', 'specialCaseAmount',
] as const satisfies readonly (keyof CaseResult)[];
const SCORED_KEYS = [
  'result', 'issues', 'onceIssues', 'hasPoints', 'pointsExact', 'booked', 'patientPaid', 'pointsUnits', 'costUnits', 'bookedUnits', 'patientPaidUnits',
] as const satisfies readonly (keyof ScoredCase)[];
type Covers<T, K> = [Exclude<keyof T, K>] extends [never] ? true : false;
const resultCovered: Covers<CaseResult, (typeof RESULT_KEYS)[number]> = true;
const scoredCovered: Covers<ScoredCase, (typeof SCORED_KEYS)[number]> = true;
void resultCovered;
void RESULT_KEYS;
void SCORED_KEYS;
void scoredCovered;

/** Values per row without a scored case, and with one (+ 10 of the scored case, + 16 of its result). */
const UNSCORED = 6;
const SCORED = UNSCORED + 10 + 16;

/**
 * Flatten the rows of one range into an array of primitives (and issue lists), ready for `postMessage`.
 *
 * @example
 * ```ts
 * decodeRows(encodeRows(rows)); // deep-equal to rows
 * ```
 */
export function encodeRows(rows: readonly WorkerRow[]): unknown[] {
  return encodeRowsInto([], rows);
}

/**
 * The first value of a range's flat array that carries plain rows (`plainRows.ts`, `dip settle --workers`): the array
 * is `[PLAIN_TAG, payload, …encodeRows(other rows)]` (a row's first value is its line, a number: no confusion).
 */
const PLAIN_TAG = '\u0000plain-rows';
/** Where {@link decodeRows} puts the plain rows' payload on the array it returns. */
const PLAIN = Symbol('plainRows');

/** {@link encodeRows} of the rows that are not plain, with the range's plain rows (`payload`) in front. */
export function encodeRowsWithPlain(others: readonly WorkerRow[], payload: PlainPayload): unknown[] {
  return encodeRowsInto([PLAIN_TAG, payload], others);
}

/**
 * The plain rows {@link decodeRows} found in a range (the rows it returned are then the others, and the payload's
 * records give the file order of both), or `undefined` for a range without.
 */
export function plainRowsOf(rows: readonly WorkerRow[]): PlainPayload | undefined {
  return (rows as { [PLAIN]?: PlainPayload })[PLAIN];
}

/** The buffers to transfer with a flat array (those of its plain rows' payload), `undefined` when it has none. */
export function transferListOf(a: readonly unknown[]): ArrayBuffer[] | undefined {
  if (a.length === 0 || a[0] !== PLAIN_TAG) return undefined;
  const p = a[1] as PlainPayload;
  return [p.num.buffer as ArrayBuffer, p.ends.buffer as ArrayBuffer, p.spill];
}

function encodeRowsInto(a: unknown[], rows: readonly WorkerRow[]): unknown[] {
  for (const r of rows) {
    const s = r.scored;
    if (s === undefined) {
      a.push(r.line, r.hospitalId, r.caseId, r.valid, r.issues.length === 0 ? undefined : r.issues, false);
      continue;
    }
    const c = s.result;
    a.push(r.line, r.hospitalId, r.caseId, r.valid, r.issues.length === 0 ? undefined : r.issues, true);
    a.push(s.issues, s.onceIssues, s.hasPoints, s.pointsExact, s.booked, s.patientPaid, s.pointsUnits, s.costUnits, s.bookedUnits, s.patientPaidUnits);
    a.push(c.line, c.caseId, c.hospitalId, c.pool, c.month, c.status, c.casePoints, c.totalCost);
    a.push(c.packetCode, c.packetKind, c.outlier, c.coefficient, c.auxCoef, c.ratio, c.reason, c.specialCaseAmount);
  }
  return a;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Rebuild the rows {@link encodeRows} flattened (those of {@link encodeRowsWithPlain}: the others, see {@link plainRowsOf}). */
export function decodeRows(a: readonly unknown[]): WorkerRow[] {
  const rows: WorkerRow[] = [];
  let p = 0;
  if (a.length > 0 && a[0] === PLAIN_TAG) {
    (rows as { [PLAIN]?: PlainPayload })[PLAIN] = a[1] as PlainPayload;
    p = 2;
  }
  while (p < a.length) {
    const line = a[p] as number;
    const hospitalId = a[p + 1] as string;
    const caseId = a[p + 2] as string;
    const valid = a[p + 3] as boolean;
    const issues = a[p + 4] === undefined ? [] : (a[p + 4] as Issue[]);
    if (a[p + 5] !== true) {
      rows.push({ line, issues, hospitalId, caseId, valid, scored: undefined });
      p += UNSCORED;
      continue;
    }
    let q = p + UNSCORED + 10;
    const result: Mutable<CaseResult> = {
      line: a[q] as number,
      caseId: a[q + 1] as string,
      hospitalId: a[q + 2] as string,
      pool: a[q + 3] as RunPool,
      month: a[q + 4] as string,
      status: a[q + 5] as CaseStatus,
      casePoints: a[q + 6] as Points,
      totalCost: a[q + 7] as Yuan,
    };
    q += 8;
    if (a[q] !== undefined) result.packetCode = a[q] as string;
    if (a[q + 1] !== undefined) result.packetKind = a[q + 1] as string;
    if (a[q + 2] !== undefined) result.outlier = a[q + 2] as string;
    if (a[q + 3] !== undefined) result.coefficient = a[q + 3] as Ratio;
    if (a[q + 4] !== undefined) result.auxCoef = a[q + 4] as Ratio;
    if (a[q + 5] !== undefined) result.ratio = a[q + 5] as Ratio;
    if (a[q + 6] !== undefined) result.reason = a[q + 6] as string;
    if (a[q + 7] !== undefined) result.specialCaseAmount = a[q + 7] as Yuan;
    q = p + UNSCORED;
    const scored: ScoredCase = {
      result,
      issues: a[q] as readonly Issue[] | undefined,
      onceIssues: a[q + 1] as readonly Issue[] | undefined,
      hasPoints: a[q + 2] as boolean,
      pointsExact: a[q + 3] as string | undefined,
      booked: a[q + 4] as string,
      patientPaid: a[q + 5] as string,
      pointsUnits: a[q + 6] as number,
      costUnits: a[q + 7] as number,
      bookedUnits: a[q + 8] as number,
      patientPaidUnits: a[q + 9] as number,
    };
    rows.push({ line, issues, hospitalId, caseId, valid, scored });
    p += SCORED;
  }
  if (p !== a.length) throw new Error(`rowCodec: ${a.length} values is not a whole number of rows`);
  return rows;
}
